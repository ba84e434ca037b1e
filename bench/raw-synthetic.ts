// A synthetic Bayer DNG with pixel-independent shot + read noise, made from a bundled photo (development and bench
// use: the raw acceptance check's no-regression case). Run: npx tsx bench/raw-synthetic.ts OUT.dng [MEGAPIXELS]
// [FULL_WELL] [READ_NOISE_DN] [ISO]
import { resolve, join } from 'node:path';
import sharp from 'sharp';
import { makeImage } from '../main/engine/image';
import { writeSyntheticDng } from '../test/helpers/synthetic-dng';

const root = resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const [out, mp = '4', fullWell = '400', readNoise = '8', iso] = process.argv.slice(2);
  if (!out) throw new Error('usage: npx tsx bench/raw-synthetic.ts OUT.dng [MEGAPIXELS] [FULL_WELL] [READ_NOISE_DN] [ISO]');
  const megapixels = Number(mp);
  const width = 2 * Math.round(Math.sqrt((megapixels * 1e6 * 3) / 2) / 2);
  const height = 2 * Math.round((width * 2) / 3 / 2);
  const { data, info } = await sharp(join(root, 'resources/samples/clean/coffee.png')).resize(width, height, { fit: 'fill' })
    .removeAlpha().raw().toBuffer({ resolveWithObject: true });
  // A loop, not Float32Array.from(data, f): that collects an iterable into a JS array, too long past about 35 MP.
  const values = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) values[i] = data[i]! / 255;
  const rgb = makeImage(info.height, info.width, 3, values);
  await writeSyntheticDng(resolve(out), rgb, {
    fullWell: Number(fullWell), readNoise: Number(readNoise), layout: { bits: 14, compression: 'ljpeg', tile: 256 },
    ...(iso !== undefined && { iso: Number(iso) }),
  });
  console.log(`${out}: ${width}x${height}, ${fullWell} e- at white, ${readNoise} DN read noise`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
