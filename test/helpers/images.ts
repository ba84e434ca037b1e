import { join } from 'node:path';
import sharp from 'sharp';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';

/** Public-domain / CC0 photos the tests carry (test/fixtures/images/SOURCES.md). */
export const fixtureImages = join(import.meta.dirname, '../fixtures/images');

/** A crop of one of the fixture photos, in [0, 1]. */
export async function cleanCrop(file: string, size: number, left = 0, top = 0, gray = false): Promise<ImageF32> {
  let pipeline = sharp(join(fixtureImages, file)).extract({ left, top, width: size, height: size }).removeAlpha();
  if (gray) pipeline = pipeline.greyscale();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return makeImage(
    info.height,
    info.width,
    info.channels,
    Float32Array.from(data, (v) => v / 255),
  );
}
