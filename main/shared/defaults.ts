import type { z } from 'zod';
import type { netConfigSchema } from './model';

/**
 * Every default of training and denoising, written once: the engine, the CLI's help, the app's presets and the
 * form's hints import them from here. Why each value was chosen is in docs/quality.md.
 */

export type NetKind = z.infer<typeof netConfigSchema>['kind'];
type NetConfig = z.infer<typeof netConfigSchema>;

/** Each network's size when only its kind is chosen: the reference U-Net 32-64-128; DnCNN 7 layers x 64. */
export const netDefaults: Readonly<Record<NetKind, Readonly<NetConfig>>> = {
  unet: { kind: 'unet', width: 32, depth: 3 },
  dncnn: { kind: 'dncnn', width: 64, depth: 7 },
};

/** A network of `kind`, its width and depth given or its kind's defaults. */
export function netOf(kind: NetKind, size: { width?: number; depth?: number } = {}): NetConfig {
  return { kind, width: size.width ?? netDefaults[kind].width, depth: size.depth ?? netDefaults[kind].depth };
}

export const trainDefaults = {
  /**
   * GR2R split. The method's optimum after long training is 0.1 to 0.2 (docs/method.md); for a few hundred steps
   * with J = 5 in antithetic pairs a larger split measured best (docs/quality.md): it puts less noise in the
   * target y2 but more in the input y1, which the Monte Carlo mean can only partly average out. Binomial moves it
   * to the nearest alpha with trials x alpha whole, unless the user chose it.
   */
  alpha: 0.25,
  loss: 'mse',
  net: netDefaults.unet,
  steps: 400,
  batch: 8,
  patch: 64,
  seed: 1,
  /** Adam's rate; its gradient carries the noisy target's variance, which Adam divides by (docs/quality.md). */
  learningRate: 2e-3,
  /**
   * Adam's rate rises linearly over this share of the steps. At the full rate from step 1, on noise a few hundredths
   * of the signal (camera JPEGs) the last layer died within the first steps and the network stayed the identity for
   * 170 of 400 steps, or for the whole run (docs/quality.md, "Training that stalls at the identity").
   */
  warmupShare: 0.1,
  checkpointEvery: 100,
} as const;

/**
 * How often training estimates the PSNR on its held-out patches: about 20 points a run, so that a short run's
 * curve and best-step choice have more than one or two; at most every 10 steps (an estimate is validationPatches
 * forward passes, so the cost stays a bounded share of a run: docs/speed.md) and at least every 50 (long runs).
 */
export const evaluationDefaults = { perRun: 20, minEvery: 10, maxEvery: 50 } as const;

/** The evaluation interval of a run of `steps` steps: steps / 20, kept between 10 and 50. */
export function evalEveryFor(steps: number): number {
  const { perRun, minEvery, maxEvery } = evaluationDefaults;
  return Math.min(maxEvery, Math.max(minEvery, Math.round(steps / perRun)));
}

/**
 * Steps when training on camera raw files from random weights: the network learns the CFA planes one group at a time
 * (the one with most loss first), and at 400 steps the GoPro's red and blue planes were lowered 1.39x and 1.19x, at
 * 800 3.25x and 2.45x (docs/files.md, issue 19).
 */
export const rawTrainSteps = 800;

export const initDefaults = {
  /**
   * Steps when fine-tuning a pretrained network (`--init`): it starts from a denoiser of the family, so 100 steps
   * of GR2R on the user's images reach what 400 from random weights do (docs/quality.md, "Fine-tuning").
   */
  steps: 100,
  /**
   * Adam's rate when fine-tuning: a quarter of the rate from scratch, so the first steps keep what pretraining
   * learned (docs/quality.md, "Fine-tuning a bundled network").
   */
  learningRate: 5e-4,
  /** The app starts from the bundled network when one matches the noise family (builtin-models.ts). */
  useBuiltin: true,
  /**
   * The families with a bundled network (resources/models/<family>/, the reference U-Net, RGB); correlated: camera
   * noise in sRGB photos, pretrained on synthetic camera pipelines.
   */
  families: ['gaussian', 'poisson', 'gamma', 'correlated'],
} as const;

export const denoiseDefaults = {
  /** Monte Carlo samples J: the mean of f over J recorruptions, in antithetic pairs (docs/method.md). */
  mc: 5,
  /**
   * Spread the J passes over the tile's four flips (antithetic pairs keep one flip): the network trained on every
   * symmetry of the square, so its asymmetric error averages out at no extra cost (docs/quality.md).
   */
  flips: true,
  seed: 1,
  /**
   * Tile side in pixels: memory is bounded by it. 512: onnxruntime's time per pixel is flat from 128 to 512 and rises
   * beyond (cache), and with the U-Net's overlap 512 recomputes far fewer pixels than 256 (docs/speed.md). The blended
   * overlap follows from the network's receptive field (nets/receptive-field.ts).
   */
  tile: 512,
  /**
   * Colour noise of photos (the correlated model, RGB), smoothed after the network with the luma kept
   * (chroma-smoothing.ts): a Gaussian of `sigma` pixels, then an average over `spatial` pixels of the neighbours whose
   * luma and colour are within about `lumaRange` and `chromaRange` (image units, 5/255). Cameras keep colour at half
   * resolution and their colour noise in blotches up to the JPEG's 16-pixel blocks, which the recorruption does not
   * draw (docs/quality.md, "Colour noise, smoothed after the network"); sigma 0: off.
   */
  chroma: { sigma: 1, spatial: 12, lumaRange: 0.02, chromaRange: 0.02 },
} as const;

/** Speckle (Gamma) data as SAR processors deliver it (docs/quality.md, "Real SAR"). */
export const speckleDefaults = {
  /**
   * An image whose lag-1 speckle correlation (the larger of rows and columns, on log intensity) is above this trains
   * and denoises on its pixel-shuffled sub-images: resampled or multilooked products, single-look data as intensity.
   * Whitened single-look data stays on its grid; below the limit the full grid does as well or better, above it the
   * network keeps the correlated speckle (docs/quality.md, "Where sub-images begin").
   */
  correlationLimit: 0.15,
  /** The sub-image step k (k x k sub-images) for such images. */
  subsample: 2,
  /**
   * Images whose scales (twice their mean intensity) differ by more than this factor are each divided by their own
   * scale: one input scale cannot serve calibrated SLC chips and GRD crops orders of magnitude apart.
   */
  scaleSpread: 10,
  /**
   * GR2R-MSE weighted by the local level to the power -2 for speckle measured blind (real SAR): relative errors count
   * alike, so dark clutter is denoised as well as bright targets, intensities spanning orders of magnitude within one
   * chip. Synthetic Gamma with given looks keeps the family's q = 1, better in PSNR (docs/quality.md).
   */
  lossGrowth: 2,
  /**
   * `--unit-ratio`: the output times the mean of the ratio image noisy / output over the (2r + 1)^2 window around
   * each pixel, r = 8 (wide enough to hold many speckle values, narrow enough to follow the scene).
   */
  unitRatioRadius: 8,
  /**
   * Steps from random weights for speckle measured blind (real SAR), when none are given: one network serves files
   * of very different looks in a mixed folder, and each file reached the smoothing it gets alone only near 1000
   * steps (docs/quality.md, Real SAR).
   */
  blindSteps: 1000,
} as const;
