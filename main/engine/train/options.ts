import type { LossKind } from '../../shared/model';
import type { NoiseSpec } from '../../shared/noise';
import { evalEveryFor, trainDefaults } from '../../shared/defaults';
import type { NetConfig } from '../nets/config';

export interface TrainOptions {
  readonly noise: NoiseSpec;
  /** GR2R split (its default and why: main/shared/defaults.ts). */
  readonly alpha: number;
  readonly loss: LossKind;
  readonly net: NetConfig;
  readonly steps: number;
  readonly batch: number;
  readonly patch: number;
  readonly seed: number;
  /** Adam's rate (its default and why: main/shared/defaults.ts). */
  readonly learningRate: number;
  readonly checkpointEvery: number;
  readonly evalEvery: number;
  readonly validationPatches: number;
}

export const defaultTrainOptions: Omit<TrainOptions, 'noise'> = {
  ...trainDefaults,
  evalEvery: evalEveryFor(trainDefaults.steps),
  validationPatches: 16,
};

/**
 * Adam's learning rate at a step (0-based): a linear rise over the first trainDefaults.warmupShare of the steps, then
 * constant, then x0.1 for the last 20% (docs/quality.md).
 */
export function learningRateAt(options: Pick<TrainOptions, 'learningRate' | 'steps'>, step: number): number {
  const rise = Math.max(1, Math.round(trainDefaults.warmupShare * options.steps));
  const ramp = Math.min(1, (step + 1) / rise);
  return ramp * (step < 0.8 * options.steps ? options.learningRate : options.learningRate * 0.1);
}
