import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeImage } from '../../main/engine/image';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { writeImage } from '../../main/io';

const samples = join(import.meta.dirname, '../../resources/samples/clean');
export const SIGMA = 0.1;

/**
 * A dataset as a user would have it: 64x64 crops of the bundled photos with Gaussian noise (sigma 0.1), as
 * float32 TIFF and 16-bit PNG, one damaged file and one text file.
 */
export async function makeNoisyFolder(dir: string, count = 4): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const names = ['astronaut', 'chelsea', 'coffee', 'rocket'].slice(0, count);
  const noise = noiseModel({ family: 'gaussian', sigma: SIGMA });
  const written: string[] = [];
  for (const [index, name] of names.entries()) {
    const { data, info } = await sharp(join(samples, `${name}.png`))
      .extract({ left: 40, top: 40, width: 64, height: 64 })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const clean = Float32Array.from(data, (v) => v / 255);
    const noisy = makeImage(64, 64, info.channels, noise.sample(clean, new Rng(500 + index)));
    const asPng = index % 2 === 1;
    const file = join(dir, `${name}.${asPng ? 'png' : 'tif'}`);
    await writeImage(file, asPng ? clip(noisy) : noisy, {
      file,
      format: asPng ? 'png' : 'tiff',
      bitDepth: asPng ? 16 : 32,
      width: 64,
      height: 64,
      channels: info.channels,
      notes: [],
    });
    written.push(file);
  }
  await writeFile(
    join(dir, 'broken.png'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]),
  );
  await writeFile(join(dir, 'notes.txt'), 'field notes: not an image\n');
  return written;
}

/** A 16-bit PNG holds only [0, 1]: a user's integer files are clipped, like a camera's. */
function clip(image: ReturnType<typeof makeImage>): ReturnType<typeof makeImage> {
  return makeImage(
    image.height,
    image.width,
    image.channels,
    image.data.map((v) => Math.min(1, Math.max(0, v))),
  );
}
