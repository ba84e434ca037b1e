import { gammaVariate } from '../random/gamma';
import type { NoiseModel } from './model';
import { checkAlphaRange, countWhere } from './model';

const eulerGamma = 0.5772156649015329;
const zeta3 = 1.2020569031595942;

/**
 * Additive log-Rayleigh noise: y = x + e, e = c (log a - E log a), a ~ Rayleigh(1);
 * E e^2 = c^2 pi^2 / 24, E e^3 = -c^3 zeta(3) / 4. Recorruption in R2R form with tau = sqrt(alpha / (1 - alpha)):
 * y1 = y + tau w, y2 = y - w / tau, w matching E w^2 = E e^2 and E w^3 = E e^3 / tau by a shifted Gamma;
 * C = E e^2 / alpha.
 */
export function logRayleighNoise(scale: number): NoiseModel {
  const m2 = (scale * scale * Math.PI * Math.PI) / 24;
  const m3 = (-scale * scale * scale * zeta3) / 4;
  return {
    spec: { family: 'lograyleigh', scale },
    check: (y) => (countWhere(y, (v) => !Number.isFinite(v)) ? 'data contains NaN or infinite values' : null),
    checkAlpha: checkAlphaRange,
    sample(x, rng) {
      const meanLog = (Math.LN2 - eulerGamma) / 2;
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) {
        const logA = 0.5 * Math.log(-2 * Math.log(rng.uniform()));
        y[i] = x[i]! + scale * (logA - meanLog);
      }
      return y;
    },
    recorrupt(y, alpha, rng) {
      const tau = Math.sqrt(alpha / (1 - alpha));
      const s = m3 / (tau * Math.pow(m2, 1.5));
      const k = 4 / (s * s);
      const theta = Math.sqrt(m2 / k);
      const sign = Math.sign(s);
      const y1 = new Float32Array(y.length);
      const y2 = new Float32Array(y.length);
      for (let i = 0; i < y.length; i++) {
        rng.mark();
        const w = sign * (theta * gammaVariate(rng, k) - k * theta);
        y1[i] = y[i]! + tau * w;
        y2[i] = y[i]! - w / tau;
      }
      return { y1, y2 };
    },
    lossConstant: (_x, alpha) => m2 / alpha,
    lossConstantFromNoisy: (_y, alpha) => m2 / alpha,
  };
}
