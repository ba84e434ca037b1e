import { logGamma } from './lgamma';
import type { Rng } from './rng';

/** Poisson(rate): multiplication method below 10, Hörmann's PTRS (1993) above; exact in both. */
export function poissonVariate(rng: Rng, rate: number): number {
  if (!(rate >= 0)) throw new RangeError(`poisson rate must be non-negative, got ${rate}`);
  if (rate === 0) return 0;
  return rate < 10 ? poissonSmall(rng, rate) : poissonPtrs(rng, rate);
}

function poissonSmall(rng: Rng, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = rng.uniform();
  while (p > limit) {
    k++;
    p *= rng.uniform();
  }
  return k;
}

function poissonPtrs(rng: Rng, rate: number): number {
  const logRate = Math.log(rate);
  const b = 0.931 + 2.53 * Math.sqrt(rate);
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + rate + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const s = Math.log((v * invAlpha) / (a / (us * us) + b));
    if (s <= -rate + k * logRate - logGamma(k + 1)) return k;
  }
}
