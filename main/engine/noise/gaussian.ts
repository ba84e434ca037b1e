import type { NoiseModel } from './model';
import { checkAlphaRange, countWhere } from './model';

/** y = x + sigma e. Recorruption: y1 = y + sqrt(alpha / (1 - alpha)) sigma w; C = sigma^2 / alpha. */
export function gaussianNoise(sigma: number): NoiseModel {
  return {
    spec: { family: 'gaussian', sigma },
    check: (y) => (countWhere(y, (v) => !Number.isFinite(v)) ? 'data contains NaN or infinite values' : null),
    checkAlpha: checkAlphaRange,
    sample(x, rng) {
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) y[i] = x[i]! + sigma * rng.normal();
      return y;
    },
    recorrupt(y, alpha, rng) {
      const scale = Math.sqrt(alpha / (1 - alpha)) * sigma;
      const y1 = new Float32Array(y.length);
      const y2 = new Float32Array(y.length);
      for (let i = 0; i < y.length; i++) {
        rng.mark();
        const w = scale * rng.normal();
        y1[i] = y[i]! + w;
        y2[i] = y[i]! - ((1 - alpha) / alpha) * w;
      }
      return { y1, y2 };
    },
    lossConstant: (_x, alpha) => (sigma * sigma) / alpha,
    lossConstantFromNoisy: (_y, alpha) => (sigma * sigma) / alpha,
  };
}
