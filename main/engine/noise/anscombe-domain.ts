import { generalizedAnscombe } from './anscombe';

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
