import type { BatchShape } from '../train/gradients';

/** Cuts a batch (NHWC, flat) into `count` equal shards along N, each its own copy so it can be transferred. */
export function splitBatch(values: Float32Array, shape: BatchShape, count: number): Float32Array[] {
  const [batch] = shape;
  if (batch % count !== 0) throw new Error(`a batch of ${batch} does not split into ${count} equal shards`);
  const size = values.length / count;
  return Array.from({ length: count }, (_, k) => values.slice(k * size, (k + 1) * size));
}

/**
 * The mean of equal shards' gradients. Each shard's gradient is of its mean loss, so their mean is the
 * gradient of the whole batch's mean loss.
 */
export function meanOf(arrays: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(arrays[0]!.length);
  if (arrays.some((a) => a.length !== out.length)) throw new Error('the workers returned gradients of different sizes');
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (const a of arrays) sum += a[i]!;
    out[i] = sum / arrays.length;
  }
  return out;
}
