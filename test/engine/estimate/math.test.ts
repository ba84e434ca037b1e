import { describe, expect, it } from 'vitest';
import { lagOneFromRatio, detrendConstants } from '../../../main/engine/estimate/detrend';
import { noiseVarianceFromEigenvalues } from '../../../main/engine/estimate/eigen-noise';
import { symmetricEigenvalues } from '../../../main/engine/estimate/eigenvalues';
import { latticeStep } from '../../../main/engine/estimate/lattice';
import { digamma, solveDecreasing, trigamma } from '../../../main/engine/estimate/polygamma';
import { Rng } from '../../../main/engine/random/rng';

describe('estimation maths', () => {
  it('finds the eigenvalues of a symmetric matrix', () => {
    const eig = symmetricEigenvalues(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    [1, 3, 5].forEach((v, k) => expect(eig[k]).toBeCloseTo(v, 10));
  });

  it('recovers the noise variance from sample eigenvalues of pure noise, and drops a texture eigenvalue', () => {
    const rng = new Rng(1);
    const p = 15;
    const n = 400;
    const m = new Float64Array(p * p);
    for (let k = 0; k < n; k++) {
      const x = Array.from({ length: p }, () => 2 * rng.normal());
      for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) m[a * p + b] += (x[a] * x[b]) / n;
    }
    const eig = symmetricEigenvalues(m, p);
    expect(noiseVarianceFromEigenvalues(eig)).toBeCloseTo(eig.reduce((s, v) => s + v, 0) / p, 10);
    const withTexture = Float64Array.from([...eig.slice(0, p - 1), 40]);
    expect(Math.abs(noiseVarianceFromEigenvalues(withTexture) / 4 - 1)).toBeLessThan(0.1);
  });

  it('evaluates digamma and trigamma and inverts them', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649, 9);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 9);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 9);
    expect(solveDecreasing(trigamma, trigamma(7.3))).toBeCloseTo(7.3, 8);
  });

  it('finds the lattice of gain x counts and none in continuous data', () => {
    const rng = new Rng(2);
    const counts = Float32Array.from({ length: 5000 }, () => 0.037 * Math.floor(30 * rng.uniform()));
    expect(latticeStep(counts)).toBeCloseTo(0.037, 7);
    expect(latticeStep(Float32Array.from({ length: 5000 }, () => rng.uniform()))).toBeNull();
  });

  it('reads a lag-1 correlation of 0 from white noise rows after detrending', () => {
    const c = detrendConstants(8);
    expect(lagOneFromRatio(c.traceMA / 2 / c.traceM, c)).toBeCloseTo(0, 12);
  });

  it('reads every detrended ratio as a correlation in [-1, 1]', () => {
    const c = detrendConstants(8);
    const expected = (rho: number) => (c.traceMA + rho * c.traceAMAM) / (2 * (c.traceM + rho * c.traceMA));
    for (const rho of [-1, -0.4, 0.3, 0.8, 1]) expect(lagOneFromRatio(expected(rho), c)).toBeCloseTo(rho, 10);
    // Past R(1) and R(-1) the plain inverse crosses its pole: a JPEG's flat blocks gave -2.55.
    expect(lagOneFromRatio(-0.875, c)).toBeCloseTo(-1, 12);
    expect(lagOneFromRatio(0.95, c)).toBeCloseTo(1, 12);
    for (let r = -1; r <= 1; r += 0.01) expect(Math.abs(lagOneFromRatio(r, c))).toBeLessThanOrEqual(1);
  });
});
