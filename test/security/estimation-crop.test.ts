import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralCrop, centralWindow } from '../../main/engine/estimate/central-crop';
import { readImage } from '../../main/io';
import { readEstimationCrop } from '../../main/tasks/estimate/estimation-crop';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-crop-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function patterned(file: string, width: number, height: number, channels: 1 | 3): Promise<void> {
  const data = Buffer.alloc(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 7) * 17) & 255;
  await sharp(data, { raw: { width, height, channels } }).png().toFile(file);
}

describe('the estimation crop', () => {
  it('is the central window the estimators use, read band by band, with the same pixels as a whole read', async () => {
    for (const [width, height, channels] of [
      [300, 200, 3],
      [257, 190, 1],
    ] as const) {
      const file = join(dir, `${width}x${height}.png`);
      await patterned(file, width, height, channels);
      const max = 100 * 80;
      const { image, source } = await readEstimationCrop(file, max, 16);
      const window = centralWindow(height, width, max);
      const whole = (await readImage(file)).image;
      expect([image.width, image.height, image.channels]).toEqual([window.width, window.height, whole.channels]);
      expect(image.width * image.height).toBeLessThanOrEqual(max);
      expect([source.width, source.height]).toEqual([window.width, window.height]);
      expect(image.data).toEqual(centralCrop(whole, max).data);
    }
  });

  it('reads a small image whole', async () => {
    const file = join(dir, 'small.png');
    await patterned(file, 40, 30, 3);
    const { image } = await readEstimationCrop(file);
    expect([image.width, image.height]).toEqual([40, 30]);
  });
});
