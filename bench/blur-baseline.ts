// A classical floor for the photo pairs: the noisy image blurred (Gaussian) at fixed sigmas,
// scored against the references as bench/real-pairs.ts scores the denoiser, and the best sigma per image (an oracle
// choice, which no blind tool can make):
//   npx tsx bench/blur-baseline.ts DIR [--sigmas 0.5,0.7,1,1.5]
// DIR holds NAME_real.EXT (noisy) and NAME_mean.EXT (reference), e.g. ../shared/data/real/photos.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gaussianBlur } from '../main/engine/gaussian-blur';
import { imagePsnr } from '../main/engine/metrics';
import { readImage } from '../main/io';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { sigmas: { type: 'string' } } });
const dir = positionals[0]!;
const sigmas = (values.sigmas ?? '0.5,0.7,1,1.5').split(',').map(Number);
const names = (await readdir(dir)).filter((n) => n.includes('_real.')).sort();
console.log(`| image | PSNR noisy | ${sigmas.map((s) => `sigma ${s}`).join(' | ')} | best |`);
console.log(`|---|---|${sigmas.map(() => '---|').join('')}---|`);
const sums = sigmas.map(() => 0);
let best = 0;
const signed = (g: number) => `${g >= 0 ? '+' : ''}${g.toFixed(2)}`;
for (const name of names) {
  const noisy = (await readImage(join(dir, name))).image;
  const reference = (await readImage(join(dir, name.replace('_real.', '_mean.')))).image;
  const before = imagePsnr(noisy, reference);
  const gains: number[] = [];
  for (const sigma of sigmas) {
    const blurred = gaussianBlur(noisy, sigma);
    gains.push(imagePsnr(blurred, reference) - before);
  }
  gains.forEach((g, i) => (sums[i]! += g));
  best += Math.max(...gains);
  console.log(
    `| ${name.slice(0, 40)} | ${before.toFixed(2)} | ${gains.map(signed).join(' | ')} | ${signed(Math.max(...gains))} |`,
  );
}
const n = names.length;
console.log(`| mean gain | | ${sums.map((s) => signed(s / n)).join(' | ')} | ${signed(best / n)} |`);
