import { describe, expect, it } from 'vitest';
import type { NoiseModel } from '../../main/engine/noise';
import { noiseModel } from '../../main/engine/noise';
import { MirroredRng, RecordingRng } from '../../main/engine/random/antithetic';
import { Rng } from '../../main/engine/random/rng';
import { recorruptBatch } from '../../main/engine/train/recorrupt-batch';
import { cleanPattern, meanAndStdErr, noiseCases } from './noise-cases';

const n = 20000;

/** The mirrored partner of one recorruption of y: both draws, as the training batch gets them. */
function pair(model: NoiseModel, y: Float32Array, alpha: number, seed: number) {
  const recording = new RecordingRng(seed);
  const first = model.recorrupt(y, alpha, recording);
  const second = model.recorrupt(y, alpha, new MirroredRng(recording, seed + 1));
  return { first, second };
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
      const { first, second } = pair(model, y, alpha, 6);
      const e1 = Float64Array.from(first.y2, (v, i) => v - y[i]!);
      const e2 = Float64Array.from(second.y2, (v, i) => v - y[i]!);
      // Given y, E[y2 - y] = 0 and Var(y2 - y) is the recorruption's: the mirror must match both.
      const m2 = meanAndStdErr(e2);
      expect(Math.abs(m2.mean / m2.se)).toBeLessThan(4);
      const s1 = meanAndStdErr(e1.map((v) => v * v));
      const s2 = meanAndStdErr(e2.map((v) => v * v));
      expect(Math.abs(s2.mean - s1.mean) / Math.hypot(s1.se, s2.se)).toBeLessThan(4);
      for (let i = 0; i < n; i += 997) expect(second.y1[i]! * (1 - alpha) + alpha * second.y2[i]!).toBeCloseTo(y[i]!, 4);
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

  it('a batch holds each drawn patch twice, recorrupted in a mirrored pair', () => {
    const model = noiseModel({ family: 'poisson', gain: 0.05 });
    const per = 64;
    const patches: Float32Array[] = [];
    const draw = (count: number) => {
      const y = model.sample(cleanPattern(count, per, [0.05, 1]), new Rng(9));
      patches.push(y);
      return y;
    };
    const { y1, y2 } = recorruptBatch(model, 0.3, 5, true, new Rng(3), draw);
    expect(patches.map((p) => p.length)).toEqual([3 * per]);
    expect(y1.length).toBe(5 * per);
    const y = patches[0]!;
    for (let i = 0; i < y1.length; i++) expect(0.7 * y1[i]! + 0.3 * y2[i]!).toBeCloseTo(y[i % y.length]!, 4);
    let differ = 0;
    for (let i = 0; i < 2 * per; i++) if (y1[i] !== y1[i + 3 * per]) differ++;
    expect(differ).toBeGreaterThan(per);
  });
});
