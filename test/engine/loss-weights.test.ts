import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { trainingLoss } from '../../main/engine/gr2r';
import { lossWeighting, pixelWeights } from '../../main/engine/loss-weights';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { cleanPattern, meanAndStdErr, noiseCases } from './noise-cases';

beforeAll(async () => {
  await initBackend('wasm');
});

/** ((box mean over the window, inside the image, per channel) + floor) / (level + floor))^-q, by hand. */
function expectedWeights(data: Float32Array, [n, h, w, c]: number[], growth: number): Float32Array {
  const { window, floor, level } = lossWeighting;
  const r = (window - 1) / 2;
  const out = new Float32Array(data.length);
  for (let b = 0; b < n!; b++) {
    for (let i = 0; i < h!; i++) {
      for (let j = 0; j < w!; j++) {
        for (let k = 0; k < c!; k++) {
          let sum = 0;
          let count = 0;
          for (let a = Math.max(0, i - r); a <= Math.min(h! - 1, i + r); a++) {
            for (let d = Math.max(0, j - r); d <= Math.min(w! - 1, j + r); d++, count++)
              sum += data[((b * h! + a) * w! + d) * c! + k]!;
          }
          out[((b * h! + i) * w! + j) * c! + k] = ((Math.max(0, sum / count) + floor) / (level + floor)) ** -growth;
        }
      }
    }
  }
  return out;
}

describe('GR2R-MSE pixel weights for noise that grows with the signal', () => {
  it('are the local mean of y1 (per channel, border excluded) to the power -q, 1 at the data mean', () => {
    const shape = [2, 12, 10, 2];
    const rng = new Rng(3);
    const data = Float32Array.from({ length: 2 * 12 * 10 * 2 }, () => rng.uniform() * 1.5);
    for (const growth of [0.5, 1]) {
      const got = tf.tidy(() =>
        pixelWeights(tf.tensor4d(data, shape as [number, number, number, number]), growth).dataSync(),
      );
      const want = expectedWeights(data, shape, growth);
      want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 4));
    }
    const flat = tf.tidy(() => pixelWeights(tf.fill([1, 8, 8, 1], lossWeighting.level) as tf.Tensor4D, 1).dataSync());
    flat.forEach((v) => expect(v).toBeCloseTo(1, 5));
  });

  it('weight the loss of GR2R-MSE for Poisson and Gamma only, never a supervised loss or additive noise', () => {
    const shape: [number, number, number, number] = [1, 8, 8, 1];
    const rng = new Rng(4);
    const [input, prediction, target] = [0, 1, 2].map(() => Float32Array.from({ length: 64 }, () => rng.uniform()));
    const loss = (kind: 'mse' | 'supervised', spec: Parameters<typeof noiseModel>[0]) =>
      tf.tidy(
        () =>
          trainingLoss(
            kind,
            noiseModel(spec),
            tf.tensor4d(input!, shape),
            tf.tensor4d(prediction!, shape),
            tf.tensor4d(target!, shape),
          ).dataSync()[0]!,
      );
    const plain = prediction!.reduce((s, p, i) => s + (p - target![i]!) ** 2, 0) / 64;
    const weighted = (q: number) =>
      expectedWeights(input!, shape, q).reduce((s, w, i) => s + w * (prediction![i]! - target![i]!) ** 2, 0) / 64;
    expect(loss('supervised', { family: 'gamma', looks: 4 })).toBeCloseTo(plain, 5);
    expect(loss('mse', { family: 'gaussian', sigma: 0.1 })).toBeCloseTo(plain, 5);
    expect(loss('mse', { family: 'gamma', looks: 4 })).toBeCloseTo(weighted(1), 5);
    expect(loss('mse', { family: 'poisson', gain: 0.05 })).toBeCloseTo(weighted(0.5), 5);
    expect(weighted(1)).not.toBeCloseTo(plain, 2);
  });
});

/**
 * Weights from y1 alone leave the minimiser E[y2 | y1] = E[x | y1]: for any two predictors f1, f2 of y1, the
 * weighted GR2R losses differ by what the weighted supervised losses differ by, in expectation; the difference
 * of the two differences is -2 mean w (f1 - f2)(y2 - x), zero-mean when w and f see only y1.
 */
function minimiserShiftZ(
  spec: Parameters<typeof noiseModel>[0],
  alpha: number,
  range: [number, number],
  from: 'y1' | 'y2',
): number {
  const model = noiseModel(spec);
  const [h, w, draws] = [16, 16, 1500];
  const x = cleanPattern(h, w, range);
  const growth = model.noiseGrowth ?? 0;
  const shift = new Float64Array(draws);
  for (let r = 0; r < draws; r++) {
    const rng = Rng.derive(21, r);
    const { y1, y2 } = model.recorrupt(model.sample(x, rng), alpha, rng);
    const weights = tf.tidy(() => pixelWeights(tf.tensor4d(from === 'y1' ? y1 : y2, [1, h, w, 1]), growth).dataSync());
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += weights[i]! * (Math.tanh(3 * y1[i]!) - y1[i]!) * (y2[i]! - x[i]!);
    shift[r] = (-2 * sum) / x.length;
  }
  const { mean, se } = meanAndStdErr(shift);
  return mean / se;
}

describe('the weighted GR2R-MSE loss keeps GR2R unbiased (docs/method.md §2)', () => {
  for (const { spec, alpha, range } of noiseCases.filter((c) => noiseModel(c.spec).noiseGrowth)) {
    it(`${spec.family}: weights from y1 do not move the minimiser`, () => {
      expect(Math.abs(minimiserShiftZ(spec, alpha, range, 'y1'))).toBeLessThan(4);
    });
  }

  it('weights taken from the target y2 would (negative control)', () => {
    expect(Math.abs(minimiserShiftZ({ family: 'gamma', looks: 4 }, 0.2, [0.05, 1], 'y2'))).toBeGreaterThan(10);
  });
});
