import type { NoiseSpec } from '../../shared/noise';

/** Quality of an estimate against the clean images: mean PSNR (dB) and mean SSIM over the test images. */
export interface Score {
  readonly psnr: number;
  readonly ssim: number;
}

/** One line of the quality table: a noise condition and one way of training GR2R on it. */
export interface BenchRow {
  readonly noise: NoiseSpec;
  /** What the noise is called in the table, e.g. "gaussian sigma=0.1". */
  readonly condition: string;
  /** 'GR2R-MSE', 'GR2R-NLL', or (Poisson-Gaussian) how the data were modelled. */
  readonly method: string;
  readonly alpha: number;
  readonly steps: number;
  readonly noisy: Score;
  /** GR2R with one recorruption (J = 1) and with J = `mc` recorruptions averaged. */
  readonly single: Score;
  readonly averaged: Score;
  readonly mc: number;
  /** The same network trained with clean targets, same steps and seed, applied once to y. */
  readonly supervised: Score;
  /** averaged.psnr - supervised.psnr: the target is > -0.5 dB. */
  readonly gap: number;
  /**
   * PSNR of the squared errors pooled over the test pixels, estimated from the noisy data alone and true: of one
   * pass f(y1) (what training's estimated PSNR estimates, docs/method.md §2) and of the J-average (the output a user
   * gets). Null when an estimated error is not positive: the noise model does not fit the data.
   */
  readonly estimatedPsnr: number | null;
  readonly truePsnr: number;
  readonly estimatedOutputPsnr: number | null;
  readonly trueOutputPsnr: number;
  /** The estimate training itself reported (on its own patches). */
  readonly trainingEstimate: number | null;
  readonly seconds: number;
}

export interface BenchReport {
  readonly budget: string;
  readonly data: string;
  readonly trainImages: number;
  readonly testImages: number;
  readonly rows: readonly BenchRow[];
}
