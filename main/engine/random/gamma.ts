import type { Rng } from './rng';

/**
 * Gamma(shape k, scale 1), Marsaglia & Tsang (2000); for k < 1, G(k) = G(k + 1) * U^(1/k).
 */
export function gammaVariate(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be positive, got ${shape}`);
  if (shape < 1) return gammaVariate(rng, shape + 1) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.acceptance();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) = G_a / (G_a + G_b). */
export function betaVariate(rng: Rng, a: number, b: number): number {
  const ga = gammaVariate(rng, a);
  const gb = gammaVariate(rng, b);
  return ga / (ga + gb);
}
