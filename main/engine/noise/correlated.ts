import type { NoiseProfile } from '../../shared/noise';
import type { Rng } from '../random/rng';
import { localBrightness, sigmaAt, unitField } from './correlated-field';
import type { BatchShape, NoiseModel } from './model';
import { checkAlphaRange, countWhere } from './model';

/**
 * Gaussian noise of any covariance, y = x + n, n ~ N(0, S) (docs/real-noise.md). Recorruption
 * draws w ~ N(0, S) with the same covariance: y1 = y + sqrt(alpha / (1 - alpha)) w, y2 = y - sqrt((1 - alpha) / alpha) w.
 * Then Cov(y1 - x, y2 - x) = S - S = 0, and, jointly Gaussian, the two noises are independent given x: the GR2R loss
 * is again the supervised loss on y1 plus C = mean_i Var(y2_i) = mean_i S_ii / alpha. White recorruption of
 * correlated noise leaves Cov = S - sigma^2 I != 0: the network learns to keep the correlated part.
 * S comes from the profile: stationary correlation K K^T scaled by the level sigma_c(m) at the local brightness m
 * (exact when the level is known; the local mean of y stands in for x's).
 */
export function correlatedNoise(measured: NoiseProfile, perImage = false, levelScale = 1): NoiseModel {
  const profile =
    levelScale === 1 ? measured : { ...measured, sigmas: measured.sigmas.map((s) => s.map((v) => v * levelScale)) };
  /** w for the batch `values`, its level read from their own local brightness. */
  const field = (values: Float32Array, shape: BatchShape | undefined, rng: Rng): Float32Array => {
    if (!shape) throw new Error('correlated noise needs the image layout [images, height, width, channels]');
    const [n, h, w, c] = shape;
    const noise = new Float32Array(values.length);
    const per = h * w * c;
    for (let b = 0; b < n; b++) {
      const u = unitField(profile, h, w, c, rng);
      const m = localBrightness(values.subarray(b * per, (b + 1) * per), h, w, c);
      for (let p = 0; p < h * w; p++) {
        for (let k = 0; k < c; k++) noise[b * per + p * c + k] = sigmaAt(profile, m[p]!, k) * u[p * c + k]!;
      }
    }
    return noise;
  };
  /** Mean of sigma_c(v)^2 over the values, each value standing for its own brightness (no layout needed). */
  const meanVariance = (values: Float32Array) => {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += sigmaAt(profile, values[i]!, i % profile.channels) ** 2;
    return values.length ? sum / values.length : 0;
  };
  return {
    spec: {
      family: 'correlated',
      profile: measured,
      ...(perImage ? { perImage } : {}),
      ...(levelScale !== 1 ? { levelScale } : {}),
    },
    check: (y) => (countWhere(y, (v) => !Number.isFinite(v)) ? 'data contains NaN or infinite values' : null),
    checkAlpha: checkAlphaRange,
    sample(x, rng, shape) {
      const noise = field(x, shape, rng);
      return noise.map((v, i) => x[i]! + v);
    },
    recorrupt(y, alpha, rng, shape) {
      const w = field(y, shape, rng);
      const up = Math.sqrt(alpha / (1 - alpha));
      const down = Math.sqrt((1 - alpha) / alpha);
      const y1 = new Float32Array(y.length);
      const y2 = new Float32Array(y.length);
      for (let i = 0; i < y.length; i++) {
        y1[i] = y[i]! + up * w[i]!;
        y2[i] = y[i]! - down * w[i]!;
      }
      return { y1, y2 };
    },
    lossConstant: (x, alpha) => meanVariance(x) / alpha,
    lossConstantFromNoisy: (y, alpha) => meanVariance(y) / alpha,
  };
}
