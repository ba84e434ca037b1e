import { describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { gammaNoise } from '../../main/engine/noise/gamma';
import { samplePatchBatch, type MaskedImage } from '../../main/engine/patches';
import { Rng } from '../../main/engine/random/rng';
import { checkImages, dataScale } from '../../main/engine/train/data';

const H = 120;
const W = 160;
const NO_DATA = -9999;

/** Speckle-like positive values, no-data in the 50 left columns and in a 20 x 20 hole in the middle. */
function maskedScene(): MaskedImage {
  const data = new Float32Array(H * W);
  const valid = new Uint8Array(H * W).fill(1);
  for (let p = 0; p < data.length; p++) {
    const i = Math.floor(p / W);
    const j = p % W;
    const hole = j < 50 || (i >= 50 && i < 70 && j >= 100 && j < 120);
    data[p] = hole ? NO_DATA : 1 + ((p * 7919) % 13) / 13;
    if (hole) valid[p] = 0;
  }
  return { ...makeImage(H, W, 1, data), valid };
}

describe('patches from images with no-data', () => {
  it('never contain a pixel without data, under every flip and rotation', () => {
    const image = maskedScene();
    const [batch] = samplePatchBatch([[image]], 400, 16, 1, new Rng(3));
    expect(batch!.some((v) => v === NO_DATA)).toBe(false);
    expect(new Set(batch).size).toBe(13);
  });

  it('are cut at the same place from a paired clean image that has no mask', () => {
    const noisy = maskedScene();
    const clean = makeImage(
      H,
      W,
      1,
      noisy.data.map((v) => (v === NO_DATA ? NO_DATA : 2 * v)),
    );
    const [y, x] = samplePatchBatch([[noisy], [clean]], 100, 16, 1, new Rng(4));
    expect(Array.from(x!)).toEqual(Array.from(y!, (v) => 2 * v));
  });

  it('give the same patches with an all-valid mask as with none', () => {
    const plain = makeImage(
      H,
      W,
      1,
      Float32Array.from({ length: H * W }, (_, p) => p),
    );
    const [a] = samplePatchBatch([[plain]], 20, 16, 1, new Rng(9));
    const [b] = samplePatchBatch([[{ ...plain, valid: new Uint8Array(H * W).fill(1) }]], 20, 16, 1, new Rng(9));
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it('say so when no patch without no-data exists', () => {
    const image = maskedScene();
    expect(() => samplePatchBatch([[image]], 1, 112, 1, new Rng(1))).toThrow(/no 112x112 patch without no-data/);
  });

  it('leave no-data out of the noise check and the data scale', () => {
    const image = maskedScene();
    expect(() => checkImages([{ name: 'sar', image }], gammaNoise(4))).not.toThrow();
    expect(() => checkImages([{ name: 'sar', image: { ...image, valid: undefined } }], gammaNoise(4))).toThrow(
      /negative/,
    );
    expect(dataScale([{ name: 'sar', image }])).toBeGreaterThan(2);
    expect(dataScale([{ name: 'sar', image }])).toBeLessThan(4);
  });
});
