// Makes the bundled demo samples: crops of public-domain photos (../shared/data/images) with Gaussian noise
// sigma = 0.1, stored as float32 TIFF (noise neither clipped nor quantised), and the clean crops as PNG.
// Run: npx tsx scripts/make-samples.ts [SOURCE_DIR]
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeImage } from '../main/engine/image';
import { noiseModel } from '../main/engine/noise';
import { Rng } from '../main/engine/random/rng';
import { writeImage } from '../main/io';

const source = process.argv[2] ?? join(import.meta.dirname, '../../shared/data/images');
const out = join(import.meta.dirname, '../resources/samples');
const size = 192;
const crops = [
  { file: 'astronaut.png', left: 160, top: 40 },
  { file: 'coffee.png', left: 200, top: 100 },
  { file: 'chelsea.png', left: 120, top: 60 },
  { file: 'rocket.jpg', left: 230, top: 120 },
];
const noise = noiseModel({ family: 'gaussian', sigma: 0.1 });

await mkdir(join(out, 'noisy'), { recursive: true });
await mkdir(join(out, 'clean'), { recursive: true });
for (const [index, crop] of crops.entries()) {
  const name = crop.file.replace(/\.\w+$/, '');
  const region = sharp(join(source, crop.file))
    .extract({ left: crop.left, top: crop.top, width: size, height: size })
    .removeAlpha();
  await region
    .clone()
    .png()
    .toFile(join(out, 'clean', `${name}.png`));
  const { data, info } = await region.raw().toBuffer({ resolveWithObject: true });
  const clean = Float32Array.from(data, (v) => v / 255);
  const noisy = makeImage(info.height, info.width, info.channels, noise.sample(clean, new Rng(1000 + index)));
  const file = join(out, 'noisy', `${name}.tif`);
  await writeImage(
    file,
    noisy,
    { file, format: 'tiff', bitDepth: 32, width: size, height: size, channels: info.channels, notes: [] },
    { overwrite: true },
  );
  console.log(`${name}: ${info.width}x${info.height}x${info.channels}`);
}
