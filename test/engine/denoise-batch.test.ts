import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { denoiseImage } from '../../main/engine/denoise-image';
import { makeImage } from '../../main/engine/image';
import type { Predictor } from '../../main/engine/predictor';
import { tfjsPredictor } from '../../main/engine/predictor';
import { buildNet } from '../../main/engine/nets';
import { receptiveRadius, tileOverlap } from '../../main/engine/nets/receptive-field';
import { macsPerPixel } from '../../main/engine/nets/flops';
import { noiseModel } from '../../main/engine/noise';
import { evenTile, tileStarts } from '../../main/engine/tiles';
import { Rng } from '../../main/engine/random/rng';
import type { ModelMeta } from '../../main/shared/model';
import { withRandomOutput } from '../helpers/random-output';
import { cleanPattern } from './noise-cases';
import { testMeta } from '../tasks/helpers';

const meta: ModelMeta = testMeta(
  { family: 'gaussian', sigma: 0.1 },
  1,
  { kind: 'unet', width: 8, depth: 2 },
  { scale: 2 },
);

beforeAll(async () => {
  await initBackend('wasm');
});

describe('tiles and Monte Carlo batches', () => {
  it('overlaps tiles by the receptive radius of the network, rounded up to 8', () => {
    expect(receptiveRadius({ kind: 'unet', width: 32, depth: 3 })).toBe(26);
    expect(tileOverlap({ kind: 'unet', width: 32, depth: 3 })).toBe(32);
    expect(tileOverlap({ kind: 'unet', width: 32, depth: 4 })).toBe(64);
    expect(tileOverlap({ kind: 'dncnn', width: 64, depth: 17 })).toBe(24);
  });

  it('spreads as few tiles as cover a side evenly, on the size multiple, never above the tile asked for', () => {
    expect(evenTile(100, 512, 32, 4)).toBe(100);
    expect(evenTile(2048, 512, 32, 4)).toBe(436);
    expect(tileStarts(2048, 436, 32)).toHaveLength(5);
    expect(evenTile(1472, 512, 32, 4)).toBe(512);
    for (const size of [513, 1000, 4000, 6000]) {
      const side = evenTile(size, 512, 32, 4);
      const starts = tileStarts(size, side, 32);
      expect(side <= 512 && side % 4 === 0).toBe(true);
      expect(starts.length).toBe(Math.ceil((size - 32) / 480));
      expect(starts.every((s, i) => i === 0 || s - starts[i - 1]! <= side - 32)).toBe(true);
    }
  });

  it('gives the same image whether the J passes of a tile run one by one or batched', async () => {
    const net = withRandomOutput(buildNet(meta.net, 1, 5), 5);
    const y = makeImage(72, 56, 1, noiseModel(meta.noise).sample(cleanPattern(72, 56, [0.1, 0.9]), new Rng(2)));
    const tfjs = tfjsPredictor(net);
    const batches: number[] = [];
    const predict: Predictor = (input, shape) => {
      batches.push(shape[0]);
      return tfjs(input, shape);
    };
    const options = { mc: 5, seed: 3, tile: 48, overlap: 8, predict };
    const single = await denoiseImage(net, meta, y, { ...options, batchPixels: 1 });
    expect(new Set(batches)).toEqual(new Set([1]));
    batches.length = 0;
    // Tiles of 40 x 32 (evenTile: 72 rows in 2 tiles, 56 columns in 2); 5 passes a tile, at most 3 a run: 3 then 2.
    const batched = await denoiseImage(net, meta, y, { ...options, batchPixels: 3 * 40 * 32 });
    expect(batches.slice(0, 2)).toEqual([3, 2]);
    let worst = 0;
    for (let i = 0; i < single.data.length; i++) worst = Math.max(worst, Math.abs(single.data[i]! - batched.data[i]!));
    expect(worst).toBeLessThan(1e-5);
    net.dispose();
  });
});

describe('network cost', () => {
  it('counts the U-Net 32-64-128 at 97,216 multiply-adds a pixel (RGB), DnCNN by its layers', () => {
    expect(macsPerPixel({ kind: 'unet', width: 32, depth: 3 }, 3)).toBe(97216);
    expect(macsPerPixel({ kind: 'dncnn', width: 64, depth: 17 }, 1)).toBe(9 * 64 + 15 * 9 * 64 * 64 + 9 * 64);
  });
});
