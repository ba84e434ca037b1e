import * as tf from '@tensorflow/tfjs-core';

/** The tensors' values in one array, in the given order: weights to the workers, gradients back. */
export function flatten(tensors: readonly tf.Tensor[]): Float32Array {
  const out = new Float32Array(tensors.reduce((n, t) => n + t.size, 0));
  let offset = 0;
  for (const v of tensors) {
    out.set(v.dataSync() as Float32Array, offset);
    offset += v.size;
  }
  return out;
}

/** Tensors shaped like the variables, cut from one flat array in the same order. */
export function unflatten(variables: readonly tf.Variable[], flat: Float32Array): tf.Tensor[] {
  const total = variables.reduce((n, v) => n + v.size, 0);
  if (flat.length !== total) throw new Error(`expected ${total} values for the network's weights, got ${flat.length}`);
  let offset = 0;
  return variables.map((v) => {
    const tensor = tf.tensor(flat.subarray(offset, offset + v.size), v.shape, 'float32');
    offset += v.size;
    return tensor;
  });
}

/** Sets every variable from one flat array. */
export function assignFlat(variables: readonly tf.Variable[], flat: Float32Array): void {
  tf.tidy(() => unflatten(variables, flat).forEach((t, i) => variables[i]!.assign(t)));
}
