import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelMeta } from '../shared/model';
import type { DenoiseOptions } from './denoise';
import { applyNetwork } from './denoise-image';
import type { ImageF32 } from './image';
import { isGrayAsColour, makeImage } from './image';
import { antitheticRecorruptions } from './mc-recorruptions';
import { noiseModel } from './noise';
import { drawnNoise } from './realised-constant';
import { Rng } from './random/rng';

/** GR2R's Monte Carlo output, with what is needed to estimate its error without the clean image. */
export interface EstimatedDenoise {
  /** The mean of f over J recorruptions y1_j of y (in antithetic pairs), in the model's units. */
  readonly output: ImageF32;
  readonly mc: number;
  /**
   * Per pixel: mean over j of (f(y1_j) - y2_j)^2 less the target's noise, counted as drawn (y2_j - y)^2 plus
   * alpha C-hat(y) (realised-constant.ts): an unbiased estimate of E (f(y1) - x)^2.
   */
  readonly singleError: Float32Array;
  /** Per pixel: the sample variance of f(y1_j) over j (0 when J = 1). */
  readonly spread: Float32Array;
}

/**
 * Denoises y with J recorruptions and keeps the statistics of its own error. For any J values, paired or not,
 * (mean - x)^2 = mean_j (f_j - x)^2 - (1/J) sum_j (f_j - mean)^2 = single - (1 - 1/J) s^2: both terms are
 * estimated from y alone, so the error of the output the user gets is estimated too, not only that of one pass.
 */
export async function denoiseWithEstimate(
  net: tfl.LayersModel,
  meta: ModelMeta,
  image: ImageF32,
  options: DenoiseOptions,
  onSample?: (f: Float32Array) => void,
): Promise<EstimatedDenoise> {
  const noise = noiseModel(meta.noise);
  const n = image.data.length;
  const sum = new Float64Array(n);
  const squares = new Float64Array(n);
  const error = new Float64Array(n);
  const mc = Math.max(1, options.mc);
  const own = [isGrayAsColour(image) ? 1 : image.channels];
  for (const { y1, y2 } of antitheticRecorruptions(
    noise,
    image.data,
    own,
    image.channels,
    meta.alpha,
    mc,
    Rng.derive(options.seed, 0x3c),
    [image.height, image.width],
  )) {
    const f = (
      await applyNetwork(net, meta, makeImage(image.height, image.width, image.channels, y1), { ...options, mc: 0 })
    ).data;
    onSample?.(f);
    for (let i = 0; i < n; i++) {
      sum[i]! += f[i]!;
      squares[i]! += f[i]! * f[i]!;
      error[i]! += (f[i]! - y2[i]!) ** 2 - drawnNoise(y1[i]!, y2[i]!, meta.alpha);
    }
  }
  const constant = meta.alpha * noise.lossConstantFromNoisy(image.data, meta.alpha);
  const output = new Float32Array(n);
  const singleError = new Float32Array(n);
  const spread = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    output[i] = sum[i]! / mc;
    singleError[i] = error[i]! / mc - constant;
    spread[i] = mc > 1 ? Math.max(0, (squares[i]! - mc * output[i]! * output[i]!) / (mc - 1)) : 0;
  }
  return { output: makeImage(image.height, image.width, image.channels, output), mc, singleError, spread };
}

/** Estimated mean squared errors of one pass and of the J-average, optionally weighted per pixel. */
export function estimatedMse(d: EstimatedDenoise, weights?: Float32Array): { single: number; averaged: number } {
  let single = 0;
  let spread = 0;
  let total = 0;
  for (let i = 0; i < d.singleError.length; i++) {
    const w = weights ? weights[i]! : 1;
    single += w * d.singleError[i]!;
    spread += w * d.spread[i]!;
    total += 1;
  }
  return { single: single / total, averaged: (single - (1 - 1 / d.mc) * spread) / total };
}
