import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { channelBalance, maxChannelWeight } from '../../main/engine/channel-balance';
import { recorruptedPatches } from '../../main/engine/channel-repeats';
import { lossGrowth, trainingLoss } from '../../main/engine/gr2r';
import { makeImage } from '../../main/engine/image';
import { buildNet } from '../../main/engine/nets';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';

beforeAll(async () => {
  await initBackend('wasm');
});

/** CFA planes of a raw (R, G, G, B) whose red and blue lie far under green, as a daylight raw's do (AsShotNeutral). */
const planeLevels = [0.08, 0.3, 0.3, 0.03];

function rawPlanes(size: number, seed: number) {
  const clean = new Float32Array(size * size * 4);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const shade = 0.6 + 0.4 * Math.sin(i / 7) * Math.cos(j / 11);
      for (let k = 0; k < 4; k++) clean[(i * size + j) * 4 + k] = planeLevels[k]! * shade;
    }
  }
  const model = noiseModel({ family: 'poissongaussian', a: 0.004, b: 4e-6 });
  return { image: makeImage(size, size, 4, model.sample(clean, new Rng(seed))), model };
}

/** Each channel's part of the GR2R-MSE of the identity network (f(y1) = y1), the loss's noise term. */
function channelShares(
  y1: Float32Array,
  y2: Float32Array,
  shape: [number, number, number, number],
  growth: number,
  weights?: readonly number[],
): number[] {
  const model = noiseModel({ family: 'poisson', gain: 0.01 });
  return [0, 1, 2, 3].map((c) =>
    tf.tidy(() => {
      // The prediction is y1 in channel c and the target elsewhere: only channel c's error counts.
      const prediction = y1.map((v, i) => (i % 4 === c ? v : y2[i]!));
      const input = tf.tensor4d(y1, shape);
      return trainingLoss(
        'mse',
        model,
        input,
        tf.tensor4d(prediction, shape),
        tf.tensor4d(y2, shape),
        weights,
      ).dataSync()[0]!;
    }),
  );
}

describe('GR2R-MSE weighted per CFA plane (engine/channel-balance.ts)', () => {
  it('gives dark red and blue raw planes the same share of the loss as the green ones (they had a tenth)', () => {
    const { image, model } = rawPlanes(96, 1);
    const rng = new Rng(2);
    const pair = recorruptedPatches(model, [image], 8, 32, 4, 0.25, rng);
    const shape: [number, number, number, number] = [8, 32, 32, 4];
    const growth = lossGrowth('mse', model);
    expect(growth).toBe(0.5);
    const before = channelShares(pair.y1, pair.y2, shape, growth);
    // Unweighted, the blue plane's noise (shot noise at a tenth of green's level) is a small part of the loss: the
    // network learned the green planes and left blue as it was (docs/files.md).
    expect(before[3]! / before[1]!).toBeLessThan(0.25);
    const weights = channelBalance(pair.y1, pair.y2, shape, growth);
    const after = channelShares(pair.y1, pair.y2, shape, growth, weights);
    const mean = after.reduce((s, v) => s + v, 0) / 4;
    for (const share of after) expect(Math.abs(share / mean - 1)).toBeLessThan(1e-3);
    // The loss's total noise term is unchanged: only its sharing between planes.
    expect(mean * 4).toBeCloseTo(
      before.reduce((s, v) => s + v, 0),
      6,
    );
    expect(weights[3]!).toBeGreaterThan(2 * weights[1]!);
  });

  it('weighs channels of equal noise alike, and bounds the weight of a channel without noise', () => {
    const rng = new Rng(3);
    const shape: [number, number, number, number] = [4, 32, 32, 3];
    const y = Float32Array.from({ length: 4 * 32 * 32 * 3 }, () => 0.5 + 0.1 * rng.normal());
    const y2 = y.map((v, i) => (i % 3 === 2 ? v : v + 0.2 * rng.normal()));
    const weights = channelBalance(y, y2, shape, 0);
    expect(Math.abs(weights[0]! / weights[1]! - 1)).toBeLessThan(0.1);
    expect(weights[2]).toBe(maxChannelWeight);
    expect(channelBalance(y, y, shape, 0)).toEqual([1, 1, 1]);
  });

  it('builds the network with the planes scaled by sqrt(weight) in front of its body, starting as the identity', () => {
    const gains = [1.04, 0.87, 0.87, 1.52];
    for (const kind of ['unet', 'dncnn'] as const) {
      const net = buildNet({ kind, width: 8, depth: 2 }, 4, 1, gains);
      const [kernel, bias] = net.getLayer('input_gains').getWeights();
      const k = kernel!.dataSync();
      for (let i = 0; i < 4; i++)
        for (let j = 0; j < 4; j++) expect(k[i * 4 + j]).toBeCloseTo(i === j ? gains[i]! : 0, 6);
      expect([...bias!.dataSync()]).toEqual([0, 0, 0, 0]);
      const x = tf.randomUniform([1, 8, 8, 4], 0, 1, 'float32', 5);
      const y = net.predict(x) as tf.Tensor;
      expect(Math.max(...tf.abs(tf.sub(y, x)).dataSync())).toBe(0);
      tf.dispose([x, y]);
      net.dispose();
      expect(() => buildNet({ kind, width: 8, depth: 2 }, 4, 1).getLayer('input_gains')).toThrow();
    }
  });
});
