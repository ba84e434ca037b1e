import { binomialVariate } from '../random/binomial';
import { hypergeometricSampler } from '../random/hypergeometric';
import type { NoiseModel } from './model';
import { checkAlphaRange, countWhere, mean, offLattice } from './model';

/**
 * y = z / l, z ~ Binomial(l, x). Recorruption keeps m = l alpha of the l trials at random:
 * k ~ Hypergeometric(l, z, m), y1 = (z - k) / (l (1 - alpha)), y2 = k / (l alpha);
 * C = mean(x (1 - x)) / (l alpha), estimated by mean(y (1 - y)) / ((l - 1) alpha).
 */
export function binomialNoise(trials: number): NoiseModel {
  const l = trials;
  return {
    spec: { family: 'binomial', trials },
    check(y) {
      const outside = countWhere(y, (v) => !(v >= 0 && v <= 1));
      if (outside) return `${outside} values are outside [0, 1]; binomial data are successes / trials`;
      const off = offLattice(y, 1 / l);
      return off > 0.01 ? `${(off * 100).toFixed(1)}% of values are not multiples of 1/${l}` : null;
    },
    checkAlpha(alpha) {
      const range = checkAlphaRange(alpha);
      if (range) return range;
      const m = l * alpha;
      return Math.abs(m - Math.round(m)) > 1e-6 || Math.round(m) < 1 || Math.round(m) >= l
        ? `trials x alpha must be a whole number of trials (${l} x ${alpha} = ${m}); try alpha = ${nearestAlpha(l, alpha)}`
        : null;
    },
    sample(x, rng) {
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) y[i] = binomialVariate(rng, l, Math.min(Math.max(x[i]!, 0), 1)) / l;
      return y;
    },
    recorrupt(y, alpha, rng) {
      const m = Math.round(l * alpha);
      const keep = hypergeometricSampler(l, m);
      const y1 = new Float32Array(y.length);
      const y2 = new Float32Array(y.length);
      for (let i = 0; i < y.length; i++) {
        rng.mark();
        const z = Math.min(l, Math.max(0, Math.round(y[i]! * l)));
        const k = keep(rng, z);
        y1[i] = (z - k) / (l * (1 - alpha));
        y2[i] = k / (l * alpha);
      }
      return { y1, y2 };
    },
    lossConstant: (x, alpha) => mean(x, (v) => v * (1 - v)) / (l * alpha),
    lossConstantFromNoisy: (y, alpha) => mean(y, (v) => v * (1 - v)) / ((l - 1) * alpha),
  };
}

/**
 * The alpha = m / l closest to the one asked for, with 1 <= m < l; halfway (10 trials at 0.25) goes to the smaller
 * split, which measured better (docs/quality.md, Binomial 10 trials, 0.2 against 0.3).
 */
export function nearestAlpha(trials: number, alpha: number): number {
  const m = Math.min(trials - 1, Math.max(1, Math.ceil(trials * alpha - 0.5 - 1e-9)));
  return m / trials;
}
