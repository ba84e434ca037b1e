import { poissonVariate } from '../random/poisson';
import { generalizedAnscombe } from './anscombe';
import { gaussianNoise } from './gaussian';
import type { NoiseModel } from './model';
import { checkAlphaRange, countWhere } from './model';

/**
 * Where Poisson-Gaussian data are trained: the generalised Anscombe transform times sqrt(a) / 2, i.e.
 * z = sqrt(max(y + 3 a / 8 + b / a, 0)). In GAT units the noise is Gaussian with sigma 1; the factor keeps z in the
 * units of sqrt(y) (about [0, 1] like the data the network normally sees; in GAT units its corrections are
 * 2 / sqrt(a) times larger and train far more slowly at the same learning rate), so here sigma = sqrt(a) / 2.
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
  const unit = Math.sqrt(a) / 2;
  return {
    sigma: unit,
    forward: (y) => gat.forward(y).map((v) => unit * v),
    inverse: (z) => gat.inverse(z.map((v) => v / unit)),
    errorWeight: (x) => (4 * Math.max(a * x + (3 * a * a) / 8 + b, 0)) / a,
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
