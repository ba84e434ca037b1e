import type { LossKind } from '../../shared/model';
import type { NoiseSpec } from '../../shared/noise';
import type { NetConfig } from '../nets/config';
import { defaultNet } from '../nets/config';

export interface TrainOptions {
  readonly noise: NoiseSpec;
  /**
   * GR2R split. The paper's optimum after long training is 0.1 to 0.2 (GR2R.md §4); for a few hundred steps
   * with J = 5 in antithetic pairs, 0.25 measured best (docs/quality.md): a larger split puts less noise in the
   * target y2 but more in the input y1, which the Monte Carlo mean can only partly average out.
   */
  readonly alpha: number;
  readonly loss: LossKind;
  readonly net: NetConfig;
  readonly steps: number;
  readonly batch: number;
  readonly patch: number;
  readonly seed: number;
  /**
   * Adam's rate. 2e-3 measured better than 1e-3 at the default budget (docs/quality.md): GR2R +0.35 to +0.78 dB in
   * nine of ten bench conditions. Its gradient carries the noisy target's variance, which Adam divides by.
   */
  readonly learningRate: number;
  readonly checkpointEvery: number;
  readonly evalEvery: number;
  readonly validationPatches: number;
}

export const defaultTrainOptions: Omit<TrainOptions, 'noise'> = {
  alpha: 0.25,
  loss: 'mse',
  net: defaultNet,
  steps: 400,
  batch: 8,
  patch: 64,
  seed: 1,
  learningRate: 2e-3,
  checkpointEvery: 100,
  evalEvery: 50,
  validationPatches: 16,
};

/** Adam's learning rate at a step: constant, then x0.1 for the last 20% (GR2R.md §4). */
export function learningRateAt(options: Pick<TrainOptions, 'learningRate' | 'steps'>, step: number): number {
  return step < 0.8 * options.steps ? options.learningRate : options.learningRate * 0.1;
}
