import type { io } from '@tensorflow/tfjs-core';

export interface Weight {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

function joined(data: io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const pieces = (Array.isArray(data) ? data : [data]).map((piece) => new Uint8Array(piece));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** The model's weights by name ('down0_a/kernel'), as float32 copies; quantised or non-float weights are refused. */
export function readWeights(artifacts: io.ModelArtifacts): Map<string, Weight> {
  const bytes = joined(artifacts.weightData);
  const weights = new Map<string, Weight>();
  let offset = 0;
  for (const spec of artifacts.weightSpecs ?? []) {
    if (spec.dtype !== 'float32' || spec.quantization)
      throw new Error(
        `weight ${spec.name} is ${spec.quantization ? 'quantised' : spec.dtype}; ONNX export handles float32`,
      );
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > bytes.length) throw new Error(`the weight data ends before ${spec.name}`);
    weights.set(spec.name, {
      shape: spec.shape,
      data: new Float32Array(bytes.slice(offset, offset + size * 4).buffer),
    });
    offset += size * 4;
  }
  return weights;
}

/** Reorders the axes of a 4-D array: output axis i is input axis perm[i] (numpy's transpose). */
export function permute4(weight: Weight, perm: readonly [number, number, number, number]): Weight {
  const shape = weight.shape;
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = [shape[1]! * shape[2]! * shape[3]!, shape[2]! * shape[3]!, shape[3]!, 1];
  const s = perm.map((p) => inStrides[p]!);
  const out = new Float32Array(weight.data.length);
  let k = 0;
  for (let a = 0; a < outShape[0]!; a++) {
    for (let b = 0; b < outShape[1]!; b++) {
      for (let c = 0; c < outShape[2]!; c++) {
        const base = a * s[0]! + b * s[1]! + c * s[2]!;
        for (let d = 0; d < outShape[3]!; d++) out[k++] = weight.data[base + d * s[3]!]!;
      }
    }
  }
  return { shape: outShape, data: out };
}
