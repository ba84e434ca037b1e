/**
 * The generalised Anscombe transform (GAT) for Poisson-Gaussian data y = a Poisson(x / a) + N(0, b),
 * var(y | x) = a x + b: f(y) = (2 / a) sqrt(max(a y + 3 a^2 / 8 + b, 0)) has variance close to 1 at every x.
 */
export interface Anscombe {
  forward(y: Float32Array): Float32Array;
  /**
   * Exact unbiased inverse: the x with E[f(y) | x] = d, where d estimates E[f(y) | x] (a denoised transform).
   * Closed-form approximation (Makitalo & Foi, IEEE TIP 2013), with s = sqrt(b) / a:
   * x = a max(0, d^2/4 + sqrt(3/2)/(4 d) - 11/(8 d^2) + 5 sqrt(3/2)/(8 d^3) - 1/8 - s^2).
   */
  inverse(d: Float32Array): Float32Array;
  /** The algebraic inverse ((a d / 2)^2 - 3 a^2 / 8 - b) / a: biased at low counts; kept for comparison. */
  algebraicInverse(d: Float32Array): Float32Array;
}

// At d = 2 sqrt(3/8) (Poisson, x = 0) the series is 0; below, its 1/d^3 term would grow again.
const lowest = 2 * Math.sqrt(3 / 8);
const r = Math.sqrt(1.5);

export function generalizedAnscombe(a: number, b: number): Anscombe {
  const s2 = b / (a * a);
  return {
    forward: (y) => y.map((v) => (2 / a) * Math.sqrt(Math.max(a * v + (3 * a * a) / 8 + b, 0))),
    inverse: (d) =>
      d.map((v) => {
        const t = Math.max(v, lowest);
        const series = (t * t) / 4 + r / (4 * t) - 11 / (8 * t * t) + (5 * r) / (8 * t * t * t) - 1 / 8 - s2;
        return a * Math.max(0, series);
      }),
    algebraicInverse: (d) => d.map((v) => (((a * v) / 2) ** 2 - (3 * a * a) / 8 - b) / a),
  };
}
