import type { io } from '@tensorflow/tfjs-core';
import type { EncodedWeights } from '../engine/checkpoint';

/** The files of a model folder. */
export const MODEL_FILES = {
  topology: 'model.json',
  weights: 'weights.bin',
  meta: 'gr2r.json',
  optimizer: 'optimizer.json',
  optimizerWeights: 'optimizer.bin',
} as const;

/** What a model folder holds, as the engine uses it. */
export interface ModelFolder<Meta = unknown> {
  readonly artifacts: io.ModelArtifacts;
  readonly meta: Meta;
  /** The optimiser's state, present in training checkpoints so that training can resume. */
  readonly optimizer?: EncodedWeights;
}

const DTYPE_BYTES: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** Bytes the weights described by `specs` take, or undefined where it cannot be known (strings). */
export function expectedWeightBytes(specs: readonly io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const spec of specs) {
    const bytes = DTYPE_BYTES[spec.quantization?.dtype ?? spec.dtype];
    if (bytes === undefined) return undefined;
    total += spec.shape.reduce((a, b) => a * b, 1) * bytes;
  }
  return total;
}

/** All of a weight buffer (tfjs may hand it over in pieces) as one byte array. */
export function weightBytes(data: io.WeightData | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  const pieces = Array.isArray(data) ? data : [data];
  return Buffer.concat(pieces.map((piece) => new Uint8Array(piece)));
}
