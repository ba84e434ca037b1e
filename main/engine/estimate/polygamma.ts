/** Digamma and trigamma for x > 0: recurrence up to x >= 6, then the asymptotic series (about 1e-12). */

export function digamma(x: number): number {
  let shift = 0;
  while (x < 6) {
    shift -= 1 / x;
    x += 1;
  }
  const r = 1 / (x * x);
  return shift + Math.log(x) - 0.5 / x - r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r / 132))));
}

export function trigamma(x: number): number {
  let shift = 0;
  while (x < 6) {
    shift += 1 / (x * x);
    x += 1;
  }
  const r = 1 / (x * x);
  return shift + 1 / x + r / 2 + (r / x) * (1 / 6 - r * (1 / 30 - r * (1 / 42 - r / 30)));
}

/** The root of a decreasing function f on (lo, hi) by bisection in log scale; clamps to the ends. */
export function solveDecreasing(f: (x: number) => number, target: number, lo = 1e-3, hi = 1e6): number {
  if (!(f(lo) > target)) return lo;
  if (!(f(hi) < target)) return hi;
  for (let i = 0; i < 100; i++) {
    const mid = Math.sqrt(lo * hi);
    if (f(mid) > target) lo = mid;
    else hi = mid;
    if (hi / lo < 1 + 1e-12) break;
  }
  return Math.sqrt(lo * hi);
}
