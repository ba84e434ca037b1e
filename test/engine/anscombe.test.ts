import { describe, expect, it } from 'vitest';
import { generalizedAnscombe } from '../../main/engine/noise/anscombe';
import { poissonVariate } from '../../main/engine/random/poisson';
import { Rng } from '../../main/engine/random/rng';

const draws = 40000;
/** Mean photon counts x / a. */
const counts = [0.5, 1, 2, 5, 10, 30, 100];

/** The mean of the transform over draws of y = a Poisson(x / a) + N(0, b): what a perfect denoiser outputs. */
function meanTransformed(a: number, b: number, x: number, rng: Rng): { mean: number; variance: number } {
  const y = new Float32Array(draws);
  for (let i = 0; i < draws; i++) y[i] = a * poissonVariate(rng, x / a) + Math.sqrt(b) * rng.normal();
  const d = generalizedAnscombe(a, b).forward(y);
  const mean = d.reduce((s, v) => s + v, 0) / draws;
  return { mean, variance: d.reduce((s, v) => s + (v - mean) ** 2, 0) / draws };
}

describe('generalised Anscombe transform for Poisson-Gaussian noise (var = a x + b)', () => {
  for (const [a, b] of [
    [0.01, 0.0004],
    [0.05, 0.0025],
    [0.01, 0],
    [0.02, 0.01],
  ] as const) {
    it(`a = ${a}, b = ${b}: the unbiased inverse of E[f(y)] is x, to 4% of the noise std, from 0.5 to 100 counts`, () => {
      const rng = new Rng(7);
      const g = generalizedAnscombe(a, b);
      let worstAlgebraic = 0;
      for (const x of counts.map((k) => k * a)) {
        const { mean } = meanTransformed(a, b, x, rng);
        const sd = Math.sqrt(a * x + b);
        expect(Math.abs(g.inverse(new Float32Array([mean]))[0]! - x)).toBeLessThan(0.04 * sd);
        worstAlgebraic = Math.max(worstAlgebraic, Math.abs(g.algebraicInverse(new Float32Array([mean]))[0]! - x) / sd);
      }
      // Why the exact unbiased inverse matters: the algebraic one is off by more at low counts.
      expect(worstAlgebraic).toBeGreaterThan(0.04);
    });
  }

  it('stabilises the variance to about 1 above a few counts', () => {
    const rng = new Rng(3);
    for (const x of [0.1, 0.3, 1]) expect(meanTransformed(0.01, 0.0004, x, rng).variance).toBeCloseTo(1, 1);
  });

  it('maps 0 and below to 0 and is monotone', () => {
    const g = generalizedAnscombe(0.02, 0.001);
    const out = g.inverse(new Float32Array([0, 0.5, 1.2, 2, 4, 8, 16]));
    expect(out[0]).toBe(0);
    for (let i = 1; i < out.length; i++) expect(out[i]!).toBeGreaterThanOrEqual(out[i - 1]!);
  });
});
