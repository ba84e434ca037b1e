import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import type { ImageF32 } from '../../main/engine/image';
import { readImage } from '../../main/io';
import { cropWindows, loadTrainingDataset, readForTraining } from '../../main/tasks/train/training-crops';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-train-crops-'));
  await mkdir(join(dir, 'big'));
  const width = 600;
  const height = 500;
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 9) * 11) & 255;
  await sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(join(dir, 'big', 'wide.png'));
  await sharp(data.subarray(0, 60 * 50 * 3), { raw: { width: 60, height: 50, channels: 3 } })
    .png()
    .toFile(join(dir, 'big', 'small.png'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function window(image: ImageF32, top: number, left: number, h: number, w: number): ImageF32 {
  const out = new Float32Array(h * w * image.channels);
  for (let i = 0; i < h; i++)
    out.set(
      image.data.subarray(
        ((top + i) * image.width + left) * image.channels,
        ((top + i) * image.width + left + w) * image.channels,
      ),
      i * w * image.channels,
    );
  return makeImage(h, w, image.channels, out);
}

describe('training on big images', () => {
  it('reads a bounded number of crops, each the same pixels as that window of the whole image', async () => {
    const file = join(dir, 'big', 'wide.png');
    const options = { maxPixels: 2 * 200 * 200, crop: 200 };
    const { images, note } = await readForTraining(file, options);
    expect(images).toHaveLength(2);
    expect(note).toMatch(/wide\.png: 600x500 is trained on 2 random crops of 200x200/);
    const whole = (await readImage(file)).image;
    const windows = cropWindows(file, 500, 600, options.maxPixels, options.crop);
    images.forEach((loaded, k) => {
      const w = windows[k]!;
      expect([loaded.image.width, loaded.image.height, loaded.file]).toEqual([200, 200, file]);
      expect(loaded.image.data).toEqual(window(whole, w.top, w.left, 200, 200).data);
    });
    // The same crops every run: a resumed run trains on the same data.
    expect(cropWindows(file, 500, 600, options.maxPixels, options.crop)).toEqual(windows);
  });

  it('reads a small image whole, and a folder with both', async () => {
    const loaded = await loadTrainingDataset(join(dir, 'big'), { maxPixels: 2 * 200 * 200, crop: 200 });
    expect(loaded.images.map((l) => `${l.image.width}x${l.image.height}`).sort()).toEqual([
      '200x200',
      '200x200',
      '60x50',
    ]);
    expect(loaded.failures).toEqual([]);
    expect(loaded.notes).toHaveLength(1);
  });
});
