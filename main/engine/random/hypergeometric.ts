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
  const failures = total - successes;
  const most = Math.min(draws, successes);
  let k = Math.max(0, draws - failures);
  let p = Math.exp(logChoose(successes, k) + logChoose(failures, draws - k) - logChoose(total, draws));
  let u = rng.uniform();
  while (u > p && k < most) {
    u -= p;
    p *= ((successes - k) * (draws - k)) / ((k + 1) * (failures - draws + k + 1));
    k++;
  }
  return k;
}
