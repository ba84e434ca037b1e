import { describe, expect, it } from 'vitest';
import { noiseModel } from '../../main/engine/noise';
import { gaussianNoise } from '../../main/engine/noise/gaussian';
import type { NoiseModel } from '../../main/engine/noise';
import { MirroredRng, RecordingRng } from '../../main/engine/random/antithetic';
import { Rng } from '../../main/engine/random/rng';
import { realisedConstant } from '../../main/engine/realised-constant';
import { cleanPattern, meanAndStdErr, noiseCases } from './noise-cases';

const H = 16;
const W = 16;
const draws = 4000;
type Moments = ReturnType<typeof meanAndStdErr>;

/** A fixed nonlinear f that never sees y2: tanh of a 3x3 box blur (docs/method.md §2). */
function f(y: Float32Array): Float32Array {
  const out = new Float32Array(y.length);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      let sum = 0;
      let n = 0;
      for (let di = -1; di <= 1; di++) {
        for (let dj = -1; dj <= 1; dj++) {
          const a = i + di;
          const b = j + dj;
          if (a >= 0 && a < H && b >= 0 && b < W) {
            sum += y[a * W + b]!;
            n++;
          }
        }
      }
      out[i * W + j] = Math.tanh(2 * (sum / n) - 0.5);
    }
  }
  return out;
}

function mse(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s / a.length;
}

/**
 * z-score of mean(|f(y1) - y2|^2/n - |f(y1) - x|^2/n - C) over R draws; with C estimated from y; and with the
 * constant realised for the draw (drawn part exact). `scatter`: the realised estimate's spread over C-hat's.
 */
function unbiasednessZ(model: NoiseModel, alpha: number, x: Float32Array, seed: number) {
  const exact = new Float64Array(draws);
  const estimated = new Float64Array(draws);
  const realised = new Float64Array(draws);
  const c = model.lossConstant(x, alpha);
  for (let r = 0; r < draws; r++) {
    const rng = Rng.derive(seed, r);
    const y = model.sample(x, rng);
    const pair = model.recorrupt(y, alpha, rng);
    const fy1 = f(pair.y1);
    const gap = mse(fy1, pair.y2) - mse(fy1, x);
    const cHat = model.lossConstantFromNoisy(y, alpha);
    exact[r] = gap - c;
    estimated[r] = gap - cHat;
    realised[r] = gap - realisedConstant(pair, alpha, cHat);
  }
  const [e, s, t] = [exact, estimated, realised].map(meanAndStdErr) as [Moments, Moments, Moments];
  return { z: e.mean / e.se, zEstimated: s.mean / s.se, zRealised: t.mean / t.se, scatter: t.se / s.se };
}

describe('GR2R loss is an unbiased estimate of the supervised loss plus C(x), C estimated or realised', () => {
  for (const { spec, alpha, range } of noiseCases) {
    it(`${spec.family}`, () => {
      const x = cleanPattern(H, W, range);
      const { z, zEstimated, zRealised, scatter } = unbiasednessZ(noiseModel(spec), alpha, x, 11);
      expect(Math.abs(z)).toBeLessThan(4);
      expect(Math.abs(zEstimated)).toBeLessThan(4);
      expect(Math.abs(zRealised)).toBeLessThan(4);
      // One draw of 256 values: 0.46 (Gamma) to 0.75 (Gaussian) of the plain estimate's scatter at seed 11.
      expect(scatter).toBeLessThan(0.85);
    });
  }

  for (const { spec, alpha, range } of noiseCases) {
    it(`${spec.family}, on the mirrored partner of an antithetic pair`, () => {
      const model = noiseModel(spec);
      const mirrored: NoiseModel = {
        ...model,
        recorrupt(y, a, rng) {
          const recording = new RecordingRng(rng.seed());
          model.recorrupt(y, a, recording);
          return model.recorrupt(y, a, new MirroredRng(recording, rng.seed()));
        },
      };
      const { z, zRealised } = unbiasednessZ(mirrored, alpha, cleanPattern(H, W, range), 13);
      expect(Math.abs(z)).toBeLessThan(4);
      expect(Math.abs(zRealised)).toBeLessThan(4);
    });
  }

  it('fails for the biased corruptor y1 = y + alpha sigma w (negative control)', () => {
    const sigma = 0.1;
    const alpha = 0.2;
    const honest = gaussianNoise(sigma);
    const biased: NoiseModel = {
      ...honest,
      recorrupt(y, a, rng) {
        const y1 = new Float32Array(y.length);
        const y2 = new Float32Array(y.length);
        for (let i = 0; i < y.length; i++) {
          y1[i] = y[i]! + a * sigma * rng.normal();
          y2[i] = (y[i]! - (1 - a) * y1[i]!) / a;
        }
        return { y1, y2 };
      },
    };
    const { z } = unbiasednessZ(biased, alpha, cleanPattern(H, W, [0, 1]), 12);
    expect(Math.abs(z)).toBeGreaterThan(10);
  });
});
