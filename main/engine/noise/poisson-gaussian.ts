import { poissonVariate } from '../random/poisson';
import { generalizedAnscombe } from './anscombe';
import { gaussianNoise } from './gaussian';
import type { NoiseModel } from './model';
import { checkAlphaRange, countWhere } from './model';

/**
 * Where Poisson-Gaussian data are trained: the generalised Anscombe transform times a / 2, i.e.
 * z = sqrt(max(a y + 3 a^2 / 8 + b, 0)). In GAT units the noise is Gaussian with sigma 1; the factor a / 2 keeps
 * z in the units of sqrt(y), like the data the network normally sees (in GAT units it would learn corrections
 * 2 / a times larger, much more slowly at the same learning rate), so here sigma = a / 2.
 */
export interface AnscombeDomain {
  readonly sigma: number;
  forward(y: Float32Array): Float32Array;
  /** The exact unbiased inverse: from a denoised z back to x. */
  inverse(z: Float32Array): Float32Array;
  /** (dy/dz)^2 at the image value x: turns squared errors in z into squared errors in y (delta method). */
  errorWeight(x: number): number;
}

export function anscombeDomain(a: number, b: number): AnscombeDomain {
  const gat = generalizedAnscombe(a, b);
  const half = a / 2;
  return {
    sigma: half,
    forward: (y) => gat.forward(y).map((v) => half * v),
    inverse: (z) => gat.inverse(z.map((v) => v / half)),
    errorWeight: (x) => (4 * Math.max(a * x + (3 * a * a) / 8 + b, 0)) / (a * a),
  };
}

/**
 * Camera noise: y = a Poisson(x / a) + N(0, b), var(y | x) = a x + b (shot noise plus read noise).
 * No family recorrupts it exactly, so training runs in the Anscombe domain, where the noise is close to
 * Gaussian: recorrupt(y) and the loss constants are those of the Gaussian family (sigma = 1 in GAT units) on
 * z = domain.forward(y), so the network maps z1 to z(x), and `domain.inverse` maps its output back. The loss
 * is the ordinary GR2R-MSE.
 */
export function poissonGaussianNoise(a: number, b: number): NoiseModel & { readonly domain: AnscombeDomain } {
  const domain = anscombeDomain(a, b);
  const stabilised = gaussianNoise(domain.sigma);
  const readSigma = Math.sqrt(b);
  return {
    spec: { family: 'poissongaussian', a, b },
    domain,
    check: (y) => (countWhere(y, (v) => !Number.isFinite(v)) ? 'data contains NaN or infinite values' : null),
    checkAlpha: checkAlphaRange,
    sample(x, rng) {
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) y[i] = a * poissonVariate(rng, Math.max(x[i]!, 0) / a) + readSigma * rng.normal();
      return y;
    },
    recorrupt: (y, alpha, rng) => stabilised.recorrupt(domain.forward(y), alpha, rng),
    lossConstant: (x, alpha) => stabilised.lossConstant(x, alpha),
    lossConstantFromNoisy: (y, alpha) => stabilised.lossConstantFromNoisy(y, alpha),
  };
}
