import * as tf from '@tensorflow/tfjs-core';
import { binomialVariate } from '../random/binomial';
import { poissonVariate } from '../random/poisson';
import type { NoiseModel } from './model';
import { checkAlphaRange, countWhere, mean, offLattice } from './model';

const eps = 1e-6;

/**
 * y = g z, z ~ Poisson(x / g): mean x, variance g x. Recorruption by binomial thinning of the counts:
 * k ~ Binomial(z, alpha), y1 = g (z - k) / (1 - alpha), y2 = g k / alpha; C = g mean(x) / alpha.
 */
export function poissonNoise(gain: number): NoiseModel {
  return {
    spec: { family: 'poisson', gain },
    check(y) {
      const negative = countWhere(y, (v) => v < 0 || !Number.isFinite(v));
      if (negative) return `${negative} values are negative or not finite; Poisson data are non-negative`;
      const off = offLattice(y, gain);
      if (off > 0.01) {
        return `${(off * 100).toFixed(1)}% of values are not multiples of the gain ${gain}; Poisson data are gain x counts (estimate the gain, or use the Poisson-Gaussian mode)`;
      }
      return null;
    },
    checkAlpha: checkAlphaRange,
    sample(x, rng) {
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) y[i] = gain * poissonVariate(rng, Math.max(x[i]!, 0) / gain);
      return y;
    },
    recorrupt(y, alpha, rng) {
      const y1 = new Float32Array(y.length);
      const y2 = new Float32Array(y.length);
      for (let i = 0; i < y.length; i++) {
        rng.mark();
        const z = Math.max(0, Math.round(y[i]! / gain));
        const k = binomialVariate(rng, z, alpha);
        y1[i] = (gain * (z - k)) / (1 - alpha);
        y2[i] = (gain * k) / alpha;
      }
      return { y1, y2 };
    },
    noiseGrowth: 0.5,
    lossConstant: (x, alpha) => (gain * mean(x)) / alpha,
    lossConstantFromNoisy: (y, alpha) => (gain * mean(y)) / alpha,
    nll: (f, y2) =>
      tf.tidy(() => {
        const fp = tf.maximum(f, eps);
        return tf.mean(tf.sub(fp, tf.mul(y2, tf.log(fp))));
      }),
  };
}
