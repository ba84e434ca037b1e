/** Progress is data, never text to parse (docs/design.md). Every long task reports through these. */
export type TrainPhase = 'training';

export interface TrainProgress {
  readonly phase: TrainPhase;
  readonly step: number;
  readonly total: number;
  /** Training loss of this step (GR2R loss in the data's units squared). */
  readonly loss: number;
  /** Estimated PSNR on held-out noisy patches (docs/method.md §2), in dB; null until first evaluated. */
  readonly estPsnr: number | null;
  /**
   * The noisy input's PSNR on the same patches, estimated from the noise model (alpha C-hat(y) = mean Var(y | x)),
   * so that the gain estPsnr - inputPsnr is shown; null where estPsnr is.
   */
  readonly inputPsnr?: number | null;
  readonly etaMs: number | null;
}

export interface DenoiseProgress {
  readonly phase: 'denoising';
  readonly fileIndex: number;
  readonly fileCount: number;
  readonly file: string;
  /** Fraction of the current file done, 0..1. */
  readonly fileFraction: number;
  readonly etaMs: number | null;
}

export interface FileFailure {
  readonly file: string;
  readonly reason: string;
}
