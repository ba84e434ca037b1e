import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { denoiseImage } from '../../main/engine/denoise-image';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { buildNet } from '../../main/engine/nets';
import { tileGrid, tileStarts } from '../../main/engine/tiles';
import type { ModelMeta } from '../../main/shared/model';
import { cleanCrop } from '../helpers/images';
import { withRandomOutput } from '../helpers/random-output';
import { testMeta } from '../tasks/helpers';

const meta: ModelMeta = testMeta({ family: 'gaussian', sigma: 0.1 }, 1, { kind: 'unet', width: 8, depth: 3 });

let image: ImageF32;
beforeAll(async () => {
  await initBackend('wasm');
  image = await cleanCrop('camera.png', 160, 100, 100, true);
});

function direct(net: ReturnType<typeof buildNet>, img: ImageF32): Float32Array {
  return tf.tidy(
    () =>
      (
        net.predict(tf.tensor4d(img.data, [1, img.height, img.width, img.channels])) as tf.Tensor
      ).dataSync() as Float32Array,
  );
}

/** Mean |difference between neighbouring columns| at the given columns. */
function columnJump(img: ImageF32, columns: number[]): number {
  let sum = 0;
  let n = 0;
  for (const c of columns) {
    for (let i = 0; i < img.height; i++) {
      sum += Math.abs(img.data[i * img.width + c]! - img.data[i * img.width + c - 1]!);
      n++;
    }
  }
  return sum / n;
}

describe('tiled inference', () => {
  it('covers the image with overlapping tiles, the last flush with the border', () => {
    expect(tileStarts(100, 256, 32)).toEqual([0]);
    expect(tileStarts(160, 64, 16)).toEqual([0, 48, 96]);
    const tiles = tileGrid({ height: 160, width: 100 }, 64, 16);
    expect(tiles.every((t) => t.top + t.height <= 160 && t.left + t.width <= 100)).toBe(true);
  });

  it('equals untiled inference on an image that fits in one tile', async () => {
    const net = withRandomOutput(buildNet(meta.net, 1, 7), 7);
    const crop = makeImage(96, 80, 1, image.data.slice(0, 96 * 80));
    const tiled = await denoiseImage(net, meta, crop, { mc: 0, seed: 1, tile: 256, overlap: 32 });
    const expected = direct(net, crop);
    for (let i = 0; i < expected.length; i++) expect(tiled.data[i]).toBeCloseTo(expected[i]!, 5);
  });

  it('blends small tiles without seams', async () => {
    const net = withRandomOutput(buildNet(meta.net, 1, 7), 7);
    const whole = makeImage(160, 160, 1, direct(net, image));
    const tiled = await denoiseImage(net, meta, image, { mc: 0, seed: 1, tile: 64, overlap: 24 });
    let diff = 0;
    for (let i = 0; i < whole.data.length; i++) diff += Math.abs(tiled.data[i]! - whole.data[i]!);
    expect(diff / whole.data.length).toBeLessThan(0.01);
    const seams = [40, 64, 80, 96, 104, 144];
    expect(columnJump(tiled, seams)).toBeLessThan(1.2 * columnJump(whole, seams) + 1e-3);
  });
});
