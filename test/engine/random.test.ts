import { describe, expect, it } from 'vitest';
import { binomialVariate } from '../../main/engine/random/binomial';
import { betaVariate, gammaVariate } from '../../main/engine/random/gamma';
import { hypergeometricVariate } from '../../main/engine/random/hypergeometric';
import { poissonVariate } from '../../main/engine/random/poisson';
import { Rng } from '../../main/engine/random/rng';

function moments(draw: () => number, n = 40000): { mean: number; variance: number } {
  let s = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    s += v;
    ss += v * v;
  }
  const mean = s / n;
  return { mean, variance: ss / n - mean * mean };
}

function expectMoments(m: { mean: number; variance: number }, mean: number, variance: number, n = 40000) {
  expect(Math.abs(m.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / n) + 1e-12);
  expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.04);
}

describe('samplers TensorFlow.js lacks', () => {
  it('is reproducible from a seed and differs across seeds', () => {
    const a = new Rng(1);
    const b = new Rng(1);
    const c = new Rng(2);
    const xs = [a.uniform(), a.uniform()];
    expect([b.uniform(), b.uniform()]).toEqual(xs);
    expect(c.uniform()).not.toBe(xs[0]);
    expect(Rng.derive(1, 2, 3).uniform()).toBe(Rng.derive(1, 2, 3).uniform());
    expect(Rng.derive(1, 2, 3).uniform()).not.toBe(Rng.derive(1, 3, 2).uniform());
  });

  it.each([
    [5, 0.2],
    [40, 0.2],
    [300, 0.2],
    [1000, 0.7],
    [25, 0.5],
  ])('binomial(%i, %f)', (n, p) => {
    const rng = new Rng(n);
    expectMoments(
      moments(() => binomialVariate(rng, n, p)),
      n * p,
      n * p * (1 - p),
    );
  });

  it.each([[0.3], [4], [25], [400]])('poisson(%f)', (rate) => {
    const rng = new Rng(7);
    expectMoments(
      moments(() => poissonVariate(rng, rate)),
      rate,
      rate,
    );
  });

  it.each([[0.4], [1], [3.2], [16]])('gamma(%f)', (shape) => {
    const rng = new Rng(8);
    expectMoments(
      moments(() => gammaVariate(rng, shape)),
      shape,
      shape,
    );
  });

  it.each([
    [0.8, 3.2],
    [2, 8],
  ])('beta(%f, %f)', (a, b) => {
    const rng = new Rng(9);
    const mean = a / (a + b);
    expectMoments(
      moments(() => betaVariate(rng, a, b)),
      mean,
      (a * b) / ((a + b) ** 2 * (a + b + 1)),
    );
  });

  it.each([
    [20, 7, 4],
    [100, 60, 20],
  ])('hypergeometric(N=%i, K=%i, m=%i)', (total, good, draws) => {
    const rng = new Rng(10);
    const mean = (draws * good) / total;
    const variance = mean * ((total - good) / total) * ((total - draws) / (total - 1));
    expectMoments(
      moments(() => hypergeometricVariate(rng, total, good, draws)),
      mean,
      variance,
    );
  });
});
