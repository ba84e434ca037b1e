import { join } from 'node:path';
import sharp from 'sharp';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { Rng } from '../../main/engine/random/rng';

export const sampleDir = join(import.meta.dirname, '../../resources/samples/clean');

/**
 * A clean RGB image in [0, 1]: a bundled sample (or one in `dir`), optionally enlarged: the blind
 * noise estimate needs flat areas, which a 192-pixel crop has few of.
 */
export async function readClean(name: string, side?: number, dir = sampleDir): Promise<ImageF32> {
  let pipeline = sharp(join(dir, name)).removeAlpha();
  if (side) pipeline = pipeline.resize(side, side, { kernel: 'lanczos3' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return makeImage(
    info.height,
    info.width,
    info.channels,
    Float32Array.from(data, (v) => v / 255),
  );
}

/**
 * A photo through a small camera pipeline, as real noisy photos are made: an RGGB mosaic of the clean image gets
 * independent shot + read noise (var = a x + b per photosite), bilinear demosaicking then spreads it over
 * neighbouring pixels and across colours (noise correlated in space and channels, level by brightness), and the
 * result is saved as an 8-bit JPEG (quality 92), which quantises it again.
 */
export async function cameraJpeg(clean: ImageF32, file: string, seed: number, a = 0.004, b = 0.0004): Promise<void> {
  const { height: h, width: w } = clean;
  const rng = new Rng(seed);
  const colour = (i: number, j: number) => (i % 2 === 0 ? (j % 2 === 0 ? 0 : 1) : j % 2 === 0 ? 1 : 2);
  const mosaic = new Float32Array(h * w);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      const x = clean.data[(i * w + j) * 3 + colour(i, j)]!;
      mosaic[i * w + j] = x + Math.sqrt(a * x + b) * rng.normal();
    }
  }
  const out = Buffer.alloc(h * w * 3);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      for (let k = 0; k < 3; k++) {
        let sum = 0,
          n = 0;
        for (let di = -1; di <= 1; di++) {
          for (let dj = -1; dj <= 1; dj++) {
            const y = i + di,
              x = j + dj;
            if (y < 0 || y >= h || x < 0 || x >= w || colour(y, x) !== k) continue;
            sum += mosaic[y * w + x]!;
            n++;
          }
        }
        out[(i * w + j) * 3 + k] = Math.round(255 * Math.min(1, Math.max(0, sum / n)));
      }
    }
  }
  await sharp(out, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 92 })
    .toFile(file);
}
