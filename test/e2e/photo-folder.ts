import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { SIGMA } from './noisy-folder';

const samples = join(import.meta.dirname, '../../resources/samples/clean');

/**
 * A photographer's folder: 8-bit noisy photos (96x96 crops, Gaussian noise sigma 0.1) as camera JPEGs and one PNG,
 * and a JPEG cut short by a failed copy.
 */
export async function makePhotoFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const noise = noiseModel({ family: 'gaussian', sigma: SIGMA });
  for (const [index, name] of ['astronaut', 'chelsea', 'coffee', 'rocket'].entries()) {
    const { data, info } = await sharp(join(samples, `${name}.png`))
      .extract({ left: 20, top: 20, width: 96, height: 96 })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const noisy = noise.sample(
      Float32Array.from(data, (v) => v / 255),
      new Rng(700 + index),
    );
    const bytes = Buffer.from(Uint8Array.from(noisy, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)));
    const image = sharp(bytes, { raw: { width: 96, height: 96, channels: info.channels } });
    const file = join(dir, index === 3 ? `IMG_000${index + 1}.png` : `IMG_000${index + 1}.jpg`);
    await (index === 3 ? image.png() : image.jpeg({ quality: 95 })).toFile(file);
  }
  const whole = await readFile(join(dir, 'IMG_0001.jpg'));
  await writeFile(join(dir, 'IMG_0005.jpg'), whole.subarray(0, Math.floor(whole.length / 3)));
}
