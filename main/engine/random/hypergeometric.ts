import type { Rng } from './rng';

/**
 * Successes among `draws` items taken without replacement from `total` items of which `successes` are
 * successes: draw by draw, each a Bernoulli(remaining successes / remaining items). Exact, O(draws).
 */
export function hypergeometricVariate(rng: Rng, total: number, successes: number, draws: number): number {
  let good = successes;
  let left = total;
  let k = 0;
  for (let i = 0; i < draws && good > 0; i++) {
    if (rng.uniform() * left < good) {
      k++;
      good--;
    }
    left--;
  }
  return k;
}
