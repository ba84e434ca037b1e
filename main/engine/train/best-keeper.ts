import type * as tf from '@tensorflow/tfjs-core';

/** The network at the step with the best estimated PSNR so far. */
export interface BestWeights {
  readonly step: number;
  readonly estPsnr: number;
  readonly artifacts: tf.io.ModelArtifacts;
}

/**
 * Keeps the best estimated PSNR (GR2R's held-out estimate, evaluated on the same fixed patches and draws each
 * time, so two evaluations differ only by the network) and counts the evaluations since it last improved.
 */
export class BestKeeper {
  private sinceBest = 0;

  constructor(
    private current: BestWeights | undefined,
    private readonly patience: number | undefined,
  ) {}

  get best(): BestWeights | undefined {
    return this.current;
  }

  /** Whether `estPsnr` at `step` beats the best; the caller then hands over the weights with `keep`. */
  improves(estPsnr: number | null): boolean {
    return estPsnr !== null && (this.current === undefined || estPsnr > this.current.estPsnr);
  }

  keep(weights: BestWeights): void {
    this.current = weights;
    this.sinceBest = 0;
  }

  /** One more evaluation without a new best. */
  noImprovement(): void {
    this.sinceBest++;
  }

  /** Early stopping: `patience` evaluations in a row without a new best. */
  get shouldStop(): boolean {
    return this.patience !== undefined && this.sinceBest >= this.patience;
  }
}
