import type { BackendName } from '../../engine/backend';
import type { NetConfig } from '../../engine/nets';

/** What runs the network at inference: onnxruntime, or tfjs on one backend. */
export type InferEngine = 'onnxruntime' | BackendName;

/** One measurement, run in a process of its own so that its peak memory is its own. */
export type SpeedJob =
  | {
      readonly kind: 'train';
      readonly backend: BackendName;
      readonly net: NetConfig;
      readonly warmup: number;
      readonly steps: number;
      /** What computes the gradients (Adam and the batch stay on the tfjs backend). */
      readonly gradients: 'onnxruntime' | 'tfjs';
    }
  | {
      readonly kind: 'infer';
      readonly engine: InferEngine;
      readonly net: NetConfig;
      readonly size: number;
      readonly warmup: number;
      readonly runs: number;
    }
  | {
      /** `gr2r denoise` on files of these sizes (height, width), one sample each, in one process. */
      readonly kind: 'file';
      readonly net: NetConfig;
      readonly sizes: readonly (readonly [number, number])[];
      readonly mc: number;
      readonly format: 'tiff' | 'jpeg';
      readonly tile?: number;
    };

export interface Timing {
  /** Median of `samplesMs`. */
  readonly ms: number;
  readonly samplesMs: readonly number[];
  /** Median CPU time of the process over the same samples (all its threads). */
  readonly cpuMs: number;
  readonly cpuSamplesMs: readonly number[];
  /** Peak resident memory of the measuring process, and its resident memory before the measurement began. */
  readonly peakRssBytes: number;
  readonly baseRssBytes: number;
  readonly note?: string;
}

export type SpeedResult = ({ readonly ok: true } & Timing) | { readonly ok: false; readonly reason: string };

export interface SpeedRow {
  readonly job: SpeedJob;
  readonly result: SpeedResult;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A training row's name: who computes the gradients, on which tfjs backend the rest of the step runs. */
export function trainerName(job: {
  readonly backend: BackendName;
  readonly gradients: 'onnxruntime' | 'tfjs';
}): string {
  return job.gradients === 'onnxruntime' ? `onnxruntime + ${job.backend}` : `tfjs ${job.backend}`;
}

export function engineName(engine: InferEngine): string {
  return engine === 'onnxruntime' ? 'onnxruntime' : `tfjs ${engine}`;
}
