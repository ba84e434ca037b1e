import { logGamma } from './lgamma';
import type { Rng } from './rng';

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * Successes among `draws` items taken without replacement from `total` items of which `successes` are
 * successes. Exact, by inversion of the CDF from the smallest possible count: one uniform per draw, monotone in
 * it (so an antithetic stream mirrors the count), O(draws).
 */
export function hypergeometricVariate(rng: Rng, total: number, successes: number, draws: number): number {
  return hypergeometricSampler(total, draws)(rng, successes);
}

/**
 * hypergeometricVariate for a fixed total and number of draws, as recorruption calls it once a pixel: the
 * probability of the smallest count (nine log-gammas) is computed once per number of successes, not per pixel.
 */
export function hypergeometricSampler(total: number, draws: number): (rng: Rng, successes: number) => number {
  const first = new Float64Array(total + 1).fill(-1);
  return (rng, successes) => {
    const failures = total - successes;
    const most = Math.min(draws, successes);
    let k = Math.max(0, draws - failures);
    if (first[successes]! < 0)
      first[successes] = Math.exp(logChoose(successes, k) + logChoose(failures, draws - k) - logChoose(total, draws));
    let p = first[successes]!;
    let u = rng.uniform();
    while (u > p && k < most) {
      u -= p;
      p *= ((successes - k) * (draws - k)) / ((k + 1) * (failures - draws + k + 1));
      k++;
    }
    return k;
  };
}
