import { poissonVariate } from '../random/poisson';
import { generalizedAnscombe } from './anscombe';
import { gaussianNoise } from './gaussian';
import type { NoiseModel } from './model';
import { checkAlphaRange, countWhere } from './model';

/**
 * Camera noise: y = a Poisson(x / a) + N(0, b), var(y | x) = a x + b (shot noise plus read noise).
 * No family recorrupts it exactly, so training runs in the generalised Anscombe domain, where the noise is
 * close to Gaussian with sigma 1: recorrupt(y) and the loss constants are those of Gaussian sigma = 1 on
 * f(y) = GAT(y), so the network maps f(y1) to f(x); `anscombe.inverse` maps its output back (exact unbiased
 * inverse). The loss is the ordinary GR2R-MSE.
 */
export function poissonGaussianNoise(a: number, b: number): NoiseModel & { readonly anscombe: ReturnType<typeof generalizedAnscombe> } {
  const anscombe = generalizedAnscombe(a, b);
  const stabilised = gaussianNoise(1);
  const readSigma = Math.sqrt(b);
  return {
    spec: { family: 'poissongaussian', a, b },
    anscombe,
    check: (y) => (countWhere(y, (v) => !Number.isFinite(v)) ? 'data contains NaN or infinite values' : null),
    checkAlpha: checkAlphaRange,
    sample(x, rng) {
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) y[i] = a * poissonVariate(rng, Math.max(x[i]!, 0) / a) + readSigma * rng.normal();
      return y;
    },
    recorrupt: (y, alpha, rng) => stabilised.recorrupt(anscombe.forward(y), alpha, rng),
    domain: anscombe,
    lossConstant: (_x, alpha) => 1 / alpha,
    lossConstantFromNoisy: (_y, alpha) => 1 / alpha,
  };
}
