// A synthetic Bayer DNG with pixel-independent shot + read noise, made from a bundled photo (development and bench
// use: the raw acceptance check's no-regression case). Run: npx tsx bench/raw-synthetic.ts OUT.dng [MEGAPIXELS]
// [FULL_WELL] [READ_NOISE_DN] [ISO]
import { resolve } from 'node:path';
import { writeSyntheticDng } from '../test/helpers/synthetic-dng';
import { syntheticRawScene } from './synthetic-raw-scene';

async function main(): Promise<void> {
  const [out, mp = '4', fullWell = '400', readNoise = '8', iso] = process.argv.slice(2);
  if (!out)
    throw new Error('usage: npx tsx bench/raw-synthetic.ts OUT.dng [MEGAPIXELS] [FULL_WELL] [READ_NOISE_DN] [ISO]');
  const megapixels = Number(mp);
  const rgb = await syntheticRawScene(megapixels);
  await writeSyntheticDng(resolve(out), rgb, {
    fullWell: Number(fullWell),
    readNoise: Number(readNoise),
    layout: { bits: 14, compression: 'ljpeg', tile: 256 },
    ...(iso !== undefined && { iso: Number(iso) }),
  });
  console.log(`${out}: ${rgb.width}x${rgb.height}, ${fullWell} e- at white, ${readNoise} DN read noise`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
