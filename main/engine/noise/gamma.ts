import * as tf from '@tensorflow/tfjs-core';
import { betaVariate, gammaVariate } from '../random/gamma';
import type { NoiseModel } from './model';
import { checkAlphaRange, countWhere, mean } from './model';

const eps = 1e-6;

/**
 * Speckle: y ~ Gamma(shape L, mean x), variance x^2 / L. Recorruption: b ~ Beta(L alpha, L (1 - alpha)),
 * y1 = y (1 - b) / (1 - alpha), y2 = y b / alpha; C = mean(x^2) / (L alpha), estimated by mean(y^2) / ((L + 1) alpha).
 */
export function gammaNoise(looks: number, perImage = false): NoiseModel {
  return {
    spec: { family: 'gamma', looks, ...(perImage ? { perImage } : {}) },
    check(y) {
      const bad = countWhere(y, (v) => v < 0 || !Number.isFinite(v));
      return bad ? `${bad} values are negative or not finite; speckle (Gamma) data are intensities, > 0` : null;
    },
    checkAlpha: checkAlphaRange,
    sample(x, rng) {
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) y[i] = (x[i]! * gammaVariate(rng, looks)) / looks;
      return y;
    },
    recorrupt(y, alpha, rng) {
      const y1 = new Float32Array(y.length);
      const y2 = new Float32Array(y.length);
      for (let i = 0; i < y.length; i++) {
        rng.mark();
        const b = betaVariate(rng, looks * alpha, looks * (1 - alpha));
        y1[i] = (y[i]! * (1 - b)) / (1 - alpha);
        y2[i] = (y[i]! * b) / alpha;
      }
      return { y1, y2 };
    },
    noiseGrowth: 1,
    lossConstant: (x, alpha) => mean(x, (v) => v * v) / (looks * alpha),
    lossConstantFromNoisy: (y, alpha) => mean(y, (v) => v * v) / ((looks + 1) * alpha),
    nll: (f, y2) =>
      tf.tidy(() => {
        const fp = tf.maximum(f, eps);
        return tf.mean(tf.add(tf.log(fp), tf.div(y2, fp)));
      }),
  };
}
