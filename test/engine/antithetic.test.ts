import { describe, expect, it } from 'vitest';
import type { NoiseModel, Recorrupted } from '../../main/engine/noise';
import { noiseModel } from '../../main/engine/noise';
import { antitheticRecorruptions } from '../../main/engine/mc-recorruptions';
import { Rng } from '../../main/engine/random/rng';
import { cleanPattern, meanAndStdErr, noiseCases } from './noise-cases';

const n = 20000;

/** The Monte Carlo draws of a one-channel image y, as denoising gets them. */
function draws(model: NoiseModel, y: Float32Array, alpha: number, count: number, seed: number) {
  return [...antitheticRecorruptions(model, y, [1], 1, alpha, count, new Rng(seed))];
}

function correlation(a: Float64Array, b: Float64Array): number {
  const ma = meanAndStdErr(a).mean;
  const mb = meanAndStdErr(b).mean;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('antithetic recorruption', () => {
  for (const { spec, alpha, range } of noiseCases) {
    it(`${spec.family}: the mirrored draw is an exact recorruption, its target noise anticorrelated`, () => {
      const model = noiseModel(spec);
      const x = cleanPattern(100, n / 100, range);
      const y = model.sample(x, new Rng(5));
      const [first, second] = draws(model, y, alpha, 2, 6) as [Recorrupted, Recorrupted];
      const e1 = Float64Array.from(first.y2, (v, i) => v - y[i]!);
      const e2 = Float64Array.from(second.y2, (v, i) => v - y[i]!);
      // Given y, E[y2 - y] = 0 and Var(y2 - y) is the recorruption's: the mirror must match both.
      const m2 = meanAndStdErr(e2);
      expect(Math.abs(m2.mean / m2.se)).toBeLessThan(4);
      const s1 = meanAndStdErr(e1.map((v) => v * v));
      const s2 = meanAndStdErr(e2.map((v) => v * v));
      expect(Math.abs(s2.mean - s1.mean) / Math.hypot(s1.se, s2.se)).toBeLessThan(4);
      for (let i = 0; i < n; i += 997)
        expect(second.y1[i]! * (1 - alpha) + alpha * second.y2[i]!).toBeCloseTo(y[i]!, 4);
      expect(correlation(e1, e2)).toBeLessThan(-0.4);
    });
  }

  it('an independent second draw is uncorrelated (control)', () => {
    const model = noiseModel({ family: 'gamma', looks: 4 });
    const y = model.sample(cleanPattern(100, n / 100, [0.05, 1]), new Rng(5));
    const a = model.recorrupt(y, 0.3, new Rng(6));
    const b = model.recorrupt(y, 0.3, new Rng(7));
    const e = (d: Float32Array) => Float64Array.from(d, (v, i) => v - y[i]!);
    expect(Math.abs(correlation(e(a.y2), e(b.y2)))).toBeLessThan(0.05);
  });

  it('draws of different pairs are independent; a fifth draw starts a new pair', () => {
    const model = noiseModel({ family: 'gaussian', sigma: 0.1 });
    const y = model.sample(cleanPattern(100, n / 100, [0.05, 1]), new Rng(5));
    const d = draws(model, y, 0.3, 5, 8).map((r) => Float64Array.from(r.y1, (v, i) => v - y[i]!));
    expect(correlation(d[0]!, d[1]!)).toBeLessThan(-0.999);
    expect(correlation(d[2]!, d[3]!)).toBeLessThan(-0.999);
    for (const [a, b] of [
      [0, 2],
      [1, 3],
      [0, 4],
      [3, 4],
    ] as const)
      expect(Math.abs(correlation(d[a]!, d[b]!))).toBeLessThan(0.05);
  });
});
