import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { denoiseImage } from '../../main/engine/denoise-image';
import { makeImage } from '../../main/engine/image';
import type { Predictor } from '../../main/engine/predictor';
import { flipOfPass, flipTile } from '../../main/engine/tile-flips';
import { buildNet } from '../../main/engine/nets';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { testMeta } from '../tasks/helpers';
import { cleanPattern } from './noise-cases';

const meta = testMeta({ family: 'gaussian', sigma: 0.1 }, 1, { kind: 'unet', width: 8, depth: 2 });

beforeAll(async () => {
  await initBackend('wasm');
});

describe('Monte Carlo passes spread over flips', () => {
  it('flips rows, columns or both, each flip its own inverse', () => {
    const src = Float32Array.from({ length: 2 * 3 * 2 }, (_, i) => i);
    const out = new Float32Array(src.length);
    flipTile(src, out, 2, 3, 2, 1);
    expect(Array.from(out.subarray(0, 6))).toEqual([6, 7, 8, 9, 10, 11]);
    flipTile(src, out, 2, 3, 2, 2);
    expect(Array.from(out.subarray(0, 6))).toEqual([4, 5, 2, 3, 0, 1]);
    for (const flip of [0, 1, 2, 3]) {
      const back = new Float32Array(src.length);
      flipTile(src, out, 2, 3, 2, flip);
      flipTile(out, back, 2, 3, 2, flip);
      expect(back).toEqual(src);
    }
    // Antithetic pairs share a flip; pairs cycle through all four.
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(flipOfPass)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 0]);
  });

  it('flips each pass input and flips its output back: a shift-by-one network is averaged toward no shift', async () => {
    // f(v)[i, j] = v[i, j + 1] (a network whose error is not symmetric): without flips every pass shifts left; with
    // flips, the column-flipped passes shift right, so the mean over 4 pairs sits between (a blur, not a shift).
    const net = buildNet(meta.net, 1, 5);
    const seen: number[] = [];
    const shiftLeft: Predictor = async (input, shape) => {
      const [n, h, w] = shape;
      seen.push(n);
      const out = new Float32Array(input.length);
      for (let b = 0; b < n; b++)
        for (let i = 0; i < h; i++)
          for (let j = 0; j < w; j++) out[(b * h + i) * w + j] = input[(b * h + i) * w + Math.min(j + 1, w - 1)]!;
      return out;
    };
    const x = cleanPattern(32, 32, [0.1, 0.9]);
    const y = makeImage(32, 32, 1, noiseModel(meta.noise).sample(x, new Rng(2)));
    const options = { mc: 8, seed: 3, tile: 32, overlap: 0, predict: shiftLeft };
    const plain = await denoiseImage(net, meta, y, { ...options, flips: false });
    const flipped = await denoiseImage(net, meta, y, { ...options, flips: true });
    expect(seen.length).toBeGreaterThan(0);
    // Column 10 of the plain result is y's column 11 (plus the passes' noise, which averages toward 0); with flips,
    // half the passes read column 9: the mean of the two.
    let plainError = 0,
      flippedError = 0;
    for (let i = 0; i < 32; i++) {
      const at = i * 32 + 10;
      plainError += Math.abs(plain.data[at]! - y.data[at + 1]!);
      flippedError += Math.abs(flipped.data[at]! - (y.data[at + 1]! + y.data[at - 1]!) / 2);
    }
    expect(plainError / 32).toBeLessThan(0.05);
    expect(flippedError / 32).toBeLessThan(0.05);
    let apart = 0;
    for (let i = 0; i < 32; i++) apart += Math.abs(y.data[i * 32 + 11]! - y.data[i * 32 + 9]!);
    expect(apart / 32).toBeGreaterThan(0.1);
    net.dispose();
  });
});
