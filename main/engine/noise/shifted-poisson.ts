import { poissonNoise } from './poisson';
import type { NoiseModel } from './model';

/**
 * Poisson-Gaussian data as Poisson counts: u = y + b / a has mean x + b / a and variance a x + b = a (x + b / a),
 * the first two moments of gain a Poisson counts of x + b / a (the read noise N(0, b) stands in for a
 * Poisson(b / a^2) count less its mean). Rounded onto the gain's lattice, u is recorrupted by Poisson GR2R's
 * binomial split, whose two parts are then uncorrelated given x (Cov = alpha (1 - alpha) (Var u - a E u) / a = 0;
 * without the shift it is a b > 0, which pulls the target towards the input). The network learns x + b / a.
 */
export function shiftedPoissonDomain(a: number, b: number) {
  const shift = b / a;
  return {
    shift,
    /** Errors here are errors in image units (a shift), so the estimated PSNR holds. */
    sameUnits: true as const,
    forward: (y: Float32Array) => y.map((v) => a * Math.max(0, Math.round((v + shift) / a))),
    inverse: (output: Float32Array) => output.map((v) => v - shift),
  };
}

/** Recorruption, loss constants and NLL of the shifted data: Poisson GR2R's with gain a, on x + b / a. */
export function shiftedPoissonTraining(
  a: number,
  b: number,
): Pick<NoiseModel, 'recorrupt' | 'lossConstant' | 'lossConstantFromNoisy' | 'nll' | 'domain' | 'noiseGrowth'> {
  const domain = shiftedPoissonDomain(a, b);
  const poisson = poissonNoise(a);
  const shifted = (x: Float32Array) => x.map((v) => v + domain.shift);
  return {
    domain,
    recorrupt: (y, alpha, rng) => poisson.recorrupt(domain.forward(y), alpha, rng),
    lossConstant: (x, alpha) => poisson.lossConstant(shifted(x), alpha),
    lossConstantFromNoisy: (y, alpha) => poisson.lossConstantFromNoisy(shifted(y), alpha),
    nll: poisson.nll,
    // Shot noise grows as sqrt(x): weighting the MSE as Poisson's does keeps the dark planes from being neglected.
    noiseGrowth: poisson.noiseGrowth,
  };
}
