import * as tf from '@tensorflow/tfjs-core';
import { pixelWeights } from './loss-weights';

/**
 * A channel may weigh at most this many times the mean (and at least its inverse): a channel without noise (clipped,
 * constant) must not take the whole loss.
 */
export const maxChannelWeight = 16;

/**
 * Per-channel weights of GR2R-MSE that give every channel the same share of the loss. A camera raw's CFA planes differ
 * in level by 2-4x (red and blue under green, AsShotNeutral), and with shot noise their noise variance differs as much:
 * unweighted, the red and blue planes' error is a small part of the loss and the network learns the green planes only
 * (docs/files.md, the GoPro). With v_c = mean over a batch of w (y1_c - y2_c)^2 (w the pixel weights of
 * loss-weights.ts; y1 - y2 = w_r / sqrt(alpha (1 - alpha)) is the recorruption, so v_c is proportional to channel c's
 * noise variance as the loss sees it), lambda_c = mean_k v_k / v_c, so sum_c lambda_c v_c = sum_c v_c. The weights
 * are fixed numbers, so each channel's minimiser E[y2_c | y1] = E[x_c | y1] is unchanged (no bias, docs/method.md
 * §2): only how the optimiser's effort is shared between channels changes.
 * `y1`, `y2`: recorrupted pairs [n, h, w, c] in the network's units (divided by the data scale).
 */
export function channelBalance(
  y1: Float32Array,
  y2: Float32Array,
  shape: [number, number, number, number],
  growth: number,
): number[] {
  const channels = shape[3];
  const weights =
    growth > 0 ? tf.tidy(() => pixelWeights(tf.tensor4d(y1, shape), growth).dataSync() as Float32Array) : undefined;
  const power = new Float64Array(channels);
  for (let i = 0; i < y1.length; i++) power[i % channels]! += (weights?.[i] ?? 1) * (y1[i]! - y2[i]!) ** 2;
  const mean = power.reduce((s, v) => s + v, 0) / channels;
  if (!(mean > 0)) return Array.from({ length: channels }, () => 1);
  return Array.from(power, (v) => Math.min(maxChannelWeight, Math.max(1 / maxChannelWeight, mean / v)));
}
