import { poissonVariate } from '../random/poisson';
import { anscombeDomain } from './anscombe-domain';
import { gaussianNoise } from './gaussian';
import type { NoiseModel } from './model';
import { checkAlphaRange, countWhere } from './model';
import { shiftedPoissonTraining } from './shifted-poisson';

export { anscombeDomain, type AnscombeDomain } from './anscombe-domain';

/** How Poisson-Gaussian data are trained: as shifted Poisson counts (default), or in the Anscombe domain. */
export type PoissonGaussianMethod = 'lattice' | 'anscombe';

/** Gaussian GR2R with sigma = 1 (GAT units) on z = GAT(y); the output is mapped back by the exact unbiased inverse. */
function anscombeTraining(
  a: number,
  b: number,
): Pick<NoiseModel, 'recorrupt' | 'lossConstant' | 'lossConstantFromNoisy' | 'domain'> {
  const domain = anscombeDomain(a, b);
  const stabilised = gaussianNoise(domain.sigma);
  return {
    domain,
    recorrupt: (y, alpha, rng) => stabilised.recorrupt(domain.forward(y), alpha, rng),
    lossConstant: (x, alpha) => stabilised.lossConstant(x, alpha),
    lossConstantFromNoisy: (y, alpha) => stabilised.lossConstantFromNoisy(y, alpha),
  };
}

/**
 * Camera noise: y = a Poisson(x / a) + N(0, b), var(y | x) = a x + b (shot noise plus read noise), which no family
 * recorrupts exactly. `lattice` (default) trains Poisson GR2R on the shifted counts (shifted-poisson.ts), and its
 * estimated PSNR holds. `anscombe` trains Gaussian GR2R in the variance-stabilised domain, behind the lattice as
 * supervised training in that domain is too (docs/quality.md).
 */
export function poissonGaussianNoise(a: number, b: number, method: PoissonGaussianMethod = 'lattice'): NoiseModel {
  const readSigma = Math.sqrt(b);
  return {
    spec: { family: 'poissongaussian', a, b, ...(method === 'anscombe' && { method }) },
    check: (y) => (countWhere(y, (v) => !Number.isFinite(v)) ? 'data contains NaN or infinite values' : null),
    checkAlpha: checkAlphaRange,
    sample(x, rng) {
      const y = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++)
        y[i] = a * poissonVariate(rng, Math.max(x[i]!, 0) / a) + readSigma * rng.normal();
      return y;
    },
    ...(method === 'anscombe' ? anscombeTraining(a, b) : shiftedPoissonTraining(a, b)),
  };
}
