import { describe, expect, it } from 'vitest';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import type { NoiseSpec } from '../../main/shared/noise';
import { profileSigma } from '../../main/shared/noise';
import { cleanPattern, noiseCases } from './noise-cases';

/** Var(y | x) of each family: docs/method.md §1's table with alpha = 0 (y1: divide by 1 - alpha, y2: by alpha). */
function noiseVariance(spec: NoiseSpec, x: number): number {
  switch (spec.family) {
    case 'gaussian':
      return spec.sigma ** 2;
    case 'poisson':
      return spec.gain * x;
    case 'gamma':
      return (x * x) / spec.looks;
    case 'binomial':
      return (x * (1 - x)) / spec.trials;
    case 'lograyleigh':
      return (spec.scale ** 2 * Math.PI ** 2) / 24;
    case 'poissongaussian':
      return spec.a * x + spec.b;
    case 'correlated':
      return profileSigma(spec.profile) ** 2;
  }
}

describe('recorruption marginals match docs/method.md §1', () => {
  for (const { spec, alpha, range } of noiseCases) {
    it(`${spec.family}: E[y2] = x, Var(y1 - x), Var(y2 - x), Cov(y1 - x, y2 - x) = 0`, () => {
      const model = noiseModel(spec);
      const x = cleanPattern(20, 20, range);
      let bias = 0;
      let v1 = 0;
      let v2 = 0;
      let cov = 0;
      let expected1 = 0;
      let expected2 = 0;
      const draws = 400;
      for (let r = 0; r < draws; r++) {
        const rng = Rng.derive(5, r);
        const { y1, y2 } = model.recorrupt(model.sample(x, rng), alpha, rng);
        for (let i = 0; i < x.length; i++) {
          const v = noiseVariance(spec, x[i]!);
          const d1 = y1[i]! - x[i]!;
          const d2 = y2[i]! - x[i]!;
          bias += d2 / Math.sqrt(v / alpha);
          v1 += d1 * d1;
          v2 += d2 * d2;
          cov += (d1 * d2) / Math.sqrt((v / (1 - alpha)) * (v / alpha));
          expected1 += v / (1 - alpha);
          expected2 += v / alpha;
        }
      }
      const n = draws * x.length;
      expect(Math.abs(bias / n)).toBeLessThan(4 / Math.sqrt(n));
      expect(Math.abs(v1 / expected1 - 1)).toBeLessThan(0.03);
      expect(Math.abs(v2 / expected2 - 1)).toBeLessThan(0.03);
      expect(Math.abs(cov / n)).toBeLessThan(0.02);
    });
  }

  it('y = (1 - alpha) y1 + alpha y2 for every family', () => {
    for (const { spec, alpha, range } of noiseCases) {
      const model = noiseModel(spec);
      const rng = new Rng(3);
      const y = model.sample(cleanPattern(8, 8, range), rng);
      const { y1, y2 } = model.recorrupt(y, alpha, rng);
      for (let i = 0; i < y.length; i++) expect((1 - alpha) * y1[i]! + alpha * y2[i]!).toBeCloseTo(y[i]!, 5);
    }
  });

  it('draws fresh noise each time: two recorruptions of one image differ', () => {
    for (const { spec, alpha, range } of noiseCases) {
      const model = noiseModel(spec);
      const rng = new Rng(9);
      const y = model.sample(cleanPattern(8, 8, range), rng);
      const a = model.recorrupt(y, alpha, rng).y1;
      const b = model.recorrupt(y, alpha, rng).y1;
      expect(a.some((v, i) => v !== b[i])).toBe(true);
    }
  });
});
