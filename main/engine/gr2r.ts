import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '../shared/model';
import { pixelWeights } from './loss-weights';
import type { NoiseModel } from './noise';

/**
 * The training loss. GR2R-MSE: mean (f(y1) - y2)^2, an unbiased estimate of the supervised MSE of f on y1
 * plus C(x) (docs/method.md §2), weighted by pixelWeights(y1) where the family's noise grows with the signal.
 * GR2R-NLL: the family's negative log-likelihood of y2. Supervised: mean (f(y) - x)^2. `channelWeights` (GR2R-MSE
 * only) weigh each channel's squared error (channel-balance.ts).
 */
export function trainingLoss(
  kind: LossKind,
  noise: NoiseModel,
  input: tf.Tensor4D,
  prediction: tf.Tensor,
  target: tf.Tensor,
  channelWeights?: readonly number[],
): tf.Scalar {
  if (kind === 'nll') {
    if (!noise.nll) throw new Error(`the NLL loss is defined for Poisson and Gamma noise, not ${noise.spec.family}`);
    return noise.nll(prediction, target);
  }
  const growth = lossGrowth(kind, noise);
  return tf.tidy(() => {
    const plain = tf.squaredDifference(prediction, target);
    const squared = kind === 'mse' && channelWeights ? tf.mul(plain, tf.tensor1d([...channelWeights])) : plain;
    return tf.mean(growth > 0 ? tf.mul(squared, pixelWeights(input, growth)) : squared) as tf.Scalar;
  });
}

/** The noise growth the MSE loss is weighted for: the family's for GR2R-MSE, none for supervised targets. */
export function lossGrowth(kind: LossKind, noise: NoiseModel): number {
  return kind === 'mse' ? (noise.noiseGrowth ?? 0) : 0;
}

export function checkLoss(kind: LossKind, noise: NoiseModel): string | null {
  return kind === 'nll' && !noise.nll
    ? `--loss nll is defined for Poisson and Gamma noise, not ${noise.spec.family}`
    : null;
}

export function psnr(mse: number, peak: number): number {
  return 10 * Math.log10((peak * peak) / Math.max(mse, 1e-20));
}
