import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { recorruptPatches } from '../../main/engine/channel-repeats';
import { denoiseImage } from '../../main/engine/denoise-image';
import { makeImage } from '../../main/engine/image';
import { noiseModel } from '../../main/engine/noise';
import { samplePatches } from '../../main/engine/patches';
import type { Shape4 } from '../../main/engine/predictor';
import { Rng } from '../../main/engine/random/rng';
import type { ModelMeta } from '../../main/shared/model';
import type { NoiseSpec } from '../../main/shared/noise';
import { cleanPattern, meanAndStdErr, noiseCases } from './noise-cases';
import { testMeta } from '../tasks/helpers';

const [H, W] = [16, 16];

beforeAll(async () => {
  await initBackend('wasm');
});

/** Patches of a gray and a colour noisy image in a 3-channel batch (gray repeated, as training does), with their clean x. */
function mixedBatch(spec: NoiseSpec, range: [number, number], seed: number, withColour = true) {
  const model = noiseModel(spec);
  const rng = new Rng(seed);
  const x = makeImage(H, W, 1, cleanPattern(H, W, range));
  const gray = makeImage(H, W, 1, model.sample(x.data, rng));
  const x3 = makeImage(
    H,
    W,
    3,
    Float32Array.from({ length: 3 * H * W }, (_, i) => x.data[Math.floor(i / 3)]!),
  );
  const colour = makeImage(H, W, 3, model.sample(x3.data, rng));
  const sources = withColour
    ? [
        [gray, colour],
        [x, x3],
      ]
    : [[gray], [x]];
  const {
    batches: [y, clean],
    ownChannels,
  } = samplePatches(sources, 6, H, 3, rng);
  return { model, x: clean!, y: y!, own: ownChannels };
}

describe('a gray image repeated into a colour network gets one recorruption, not one a channel', () => {
  it('every channel of a gray patch carries the same y1 and y2; a colour patch keeps its own draws', () => {
    const { model, y, own } = mixedBatch({ family: 'gaussian', sigma: 0.1 }, [0, 1], 1);
    expect(new Set(own)).toEqual(new Set([1, 3]));
    const { y1, y2 } = recorruptPatches(model, y, own, 3, 0.3, new Rng(2));
    own.forEach((c, n) => {
      for (let p = n * H * W; p < (n + 1) * H * W; p++) {
        const same = (a: Float32Array) => a[3 * p] === a[3 * p + 1] && a[3 * p] === a[3 * p + 2];
        if (c === 1) expect(same(y1) && same(y2)).toBe(true);
        else expect(y1[3 * p]).not.toBe(y1[3 * p + 1]);
      }
    });
  });

  /**
   * z-score of mean (y1 channel 1 - x)(y2 channel 0 - x) over gray patches and draws: zero when y2 is independent
   * of the network's whole input given x (docs/method.md §2); the noise of y itself when each copy is drawn apart.
   */
  function crossChannelZ(spec: NoiseSpec, range: [number, number], fixed: boolean): number {
    const draws = 300;
    const stat = new Float64Array(draws);
    for (let r = 0; r < draws; r++) {
      const { model, x, y, own } = mixedBatch(spec, range, 100 + r, false);
      const { y1, y2 } = fixed
        ? recorruptPatches(model, y, own, 3, 0.3, new Rng(r))
        : model.recorrupt(y, 0.3, new Rng(r));
      let sum = 0;
      for (let p = 0; p < y.length / 3; p++) sum += (y1[3 * p + 1]! - x[3 * p]!) * (y2[3 * p]! - x[3 * p]!);
      stat[r] = sum / (y.length / 3);
    }
    const { mean, se } = meanAndStdErr(stat);
    return mean / se;
  }

  for (const { spec, range } of noiseCases) {
    it(`${spec.family}: y2 is uncorrelated with every channel of y1`, () => {
      expect(Math.abs(crossChannelZ(spec, range, true))).toBeLessThan(4);
    });
  }

  it('a draw per copy would correlate them (negative control: the network could learn the noise)', () => {
    expect(crossChannelZ({ family: 'gaussian', sigma: 0.1 }, [0, 1], false)).toBeGreaterThan(10);
  });

  it.each([
    ['a gray image', 1],
    ['a gray image stored as colour', 3],
  ] as const)(
    'denoising %s with a colour model feeds the network one recorruption in every channel',
    async (_, stored) => {
      const meta: ModelMeta = testMeta(
        { family: 'poisson', gain: 0.05 },
        3,
        { kind: 'unet', width: 4, depth: 2 },
        { alpha: 0.3 },
      );
      const seen: Float32Array[] = [];
      // The passes of a tile may come as one batch (shape[0] of them): each is seen on its own.
      const predict = async (input: Float32Array, shape: Shape4) => {
        const n = input.length / shape[0];
        for (let j = 0; j < shape[0]; j++) seen.push(input.slice(j * n, (j + 1) * n));
        return input.slice();
      };
      const gray = noiseModel(meta.noise).sample(cleanPattern(H, W, [0.05, 1]), new Rng(5));
      const image = makeImage(
        H,
        W,
        stored,
        Float32Array.from({ length: H * W * stored }, (_, i) => gray[Math.floor(i / stored)]!),
      );
      const net = tfl.sequential();
      const out = await denoiseImage(net, meta, image, { mc: 3, seed: 1, tile: 64, overlap: 8, predict });
      expect(out.channels).toBe(stored);
      expect(seen).toHaveLength(3);
      for (const input of seen) {
        for (let p = 0; p < input.length / 3; p++)
          expect([input[3 * p + 1], input[3 * p + 2]]).toEqual([input[3 * p], input[3 * p]]);
      }
      expect(seen[0]).not.toEqual(seen[1]);
    },
  );
});
