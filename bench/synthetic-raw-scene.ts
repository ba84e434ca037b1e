// The scene of the synthetic raw benches (raw-memory.ts, raw-synthetic.ts): a bundled photo stretched to a 3:2 frame
// of the given megapixels, as linear RGB in [0, 1], ready for test/helpers/synthetic-dng.ts.
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import type { ImageF32 } from '../main/engine/image';
import { makeImage } from '../main/engine/image';

const root = resolve(import.meta.dirname, '..');

export async function syntheticRawScene(megapixels: number): Promise<ImageF32> {
  const width = 2 * Math.round(Math.sqrt((megapixels * 1e6 * 3) / 2) / 2);
  const height = 2 * Math.round((width * 2) / 3 / 2);
  const { data, info } = await sharp(join(root, 'resources/samples/clean/coffee.png'))
    .resize(width, height, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // A loop, not Float32Array.from(data, f): that collects an iterable into a JS array, too long past about 35 MP.
  const values = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) values[i] = data[i]! / 255;
  return makeImage(info.height, info.width, 3, values);
}
