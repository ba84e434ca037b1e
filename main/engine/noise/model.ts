import type * as tf from '@tensorflow/tfjs-core';
import type { NoiseSpec } from '../../shared/noise';
import type { Rng } from '../random/rng';

/** [images, height, width, channels]: the layout of a batch of patches, or of one tile ([1, h, w, c]). */
export type BatchShape = readonly [number, number, number, number];

export interface Recorrupted {
  /** The network's input: as noisy as y, a bit more. */
  readonly y1: Float32Array;
  /** The target: independent of y1 given x, with mean x. y = (1 - alpha) y1 + alpha y2. */
  readonly y2: Float32Array;
}

/**
 * One noise family (docs/method.md §1): it owns its sampling, its recorruption and its loss constant,
 * so the loss never needs to know which family it trains for.
 */
export interface NoiseModel {
  readonly spec: NoiseSpec;
  /** Why noisy data y cannot come from this model (names the problem), or null when it can. */
  check(y: Float32Array): string | null;
  /** Why this split alpha cannot be used with this model, or null. */
  checkAlpha(alpha: number): string | null;
  /** A noisy observation of the clean x (`shape`: its layout, which noise correlated in space needs). */
  sample(x: Float32Array, rng: Rng, shape?: BatchShape): Float32Array;
  /**
   * GR2R's pair (y1, y2) for y. Calls rng.mark() before each pixel's draws, so that an antithetic stream
   * (random/antithetic.ts) mirrors pixel i's variates into pixel i's; without it the partner draw is independent.
   */
  recorrupt(y: Float32Array, alpha: number, rng: Rng, shape?: BatchShape): Recorrupted;
  /** C(x) = mean_i Var(y2_i | x): what the GR2R loss exceeds the supervised loss by. */
  lossConstant(x: Float32Array, alpha: number): number;
  /** An unbiased estimate of C(x) from the noisy y alone (docs/method.md §2). */
  lossConstantFromNoisy(y: Float32Array, alpha: number): number;
  /**
   * For a family trained in a variance-stabilised domain (its recorrupt returns y1, y2 there): `forward` maps
   * noisy data into it, `inverse` maps the network's Monte Carlo output back to image units.
   */
  readonly domain?: {
    forward(y: Float32Array): Float32Array;
    inverse(output: Float32Array): Float32Array;
    /** The domain is the data shifted (not rescaled): errors there are errors in image units. */
    readonly sameUnits?: boolean;
  };
  /**
   * q where the noise's standard deviation grows as x^q (Poisson 1/2, Gamma 1); GR2R-MSE then weights each
   * pixel by the local level of y1 to the power -q (engine/loss-weights.ts). Absent: additive noise, no weights.
   */
  readonly noiseGrowth?: number;
  /** GR2R-NLL: the negative log-likelihood of y2 given the prediction f (mean over pixels), if defined. */
  readonly nll?: (f: tf.Tensor, y2: tf.Tensor) => tf.Scalar;
}

export function checkAlphaRange(alpha: number): string | null {
  return alpha > 0 && alpha < 1 ? null : `alpha must be in (0, 1), got ${alpha}`;
}

export function mean(values: Float32Array, fn: (v: number) => number = (v) => v): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += fn(values[i]!);
  return values.length ? sum / values.length : 0;
}

/** Fraction of values v for which v / step is not within `tolerance` of an integer. */
export function offLattice(values: Float32Array, step: number, tolerance = 0.02): number {
  let off = 0;
  for (let i = 0; i < values.length; i++) {
    const q = values[i]! / step;
    if (Math.abs(q - Math.round(q)) > tolerance) off++;
  }
  return values.length ? off / values.length : 0;
}

export function countWhere(values: Float32Array, predicate: (v: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (predicate(values[i]!)) n++;
  return n;
}
