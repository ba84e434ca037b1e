import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '../shared/model';
import type { NoiseModel } from './noise';

/**
 * The training loss. GR2R-MSE: mean (f(y1) - y2)^2, an unbiased estimate of the supervised MSE of f on y1
 * plus C(x) (GR2R.md §2). GR2R-NLL: the family's negative log-likelihood of y2. Supervised: mean (f(y) - x)^2.
 */
export function trainingLoss(kind: LossKind, noise: NoiseModel, prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  if (kind === 'nll') {
    if (!noise.nll) throw new Error(`the NLL loss is defined for Poisson and Gamma noise, not ${noise.spec.family}`);
    return noise.nll(prediction, target);
  }
  return tf.tidy(() => tf.mean(tf.squaredDifference(prediction, target)) as tf.Scalar);
}

export function checkLoss(kind: LossKind, noise: NoiseModel): string | null {
  return kind === 'nll' && !noise.nll ? `--loss nll is defined for Poisson and Gamma noise, not ${noise.spec.family}` : null;
}

export function psnr(mse: number, peak: number): number {
  return 10 * Math.log10((peak * peak) / Math.max(mse, 1e-20));
}
