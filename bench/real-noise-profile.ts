// Blind correlated-noise estimate against the truth on noisy/reference pairs:
// `npx tsx bench/real-noise-profile.ts DIR` with DIR holding NAME_real.* and NAME_mean.* (e.g. ../shared/data/real/photos).
// Prints, per image: the estimated noise std against std(noisy - reference), lag correlations of both, and the truth again
// with the reference moved onto the noisy shot's shift and sharpness (reference-fit.ts: what is left is noise).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { estimateProfile } from '../main/engine/estimate/noise-profile';
import type { ImageF32 } from '../main/engine/image';
import { readImage } from '../main/io';
import { profileCorrelation } from '../main/shared/noise';
import { fitReference } from './reference-fit';

function measured(noisy: ImageF32, clean: ImageF32, dy: number, dx: number): number {
  const { height: h, width: w, channels: c } = noisy;
  let s = 0,
    s0 = 0;
  for (let i = 0; i + dy < h; i++)
    for (let j = 0; j + dx < w; j++)
      for (let k = 0; k < c; k++) {
        const p = (i * w + j) * c + k,
          q = ((i + dy) * w + j + dx) * c + k;
        const a = noisy.data[p]! - clean.data[p]!,
          b = noisy.data[q]! - clean.data[q]!;
        s += a * b;
        s0 += a * a;
      }
  return s / s0;
}
function trueStd(noisy: ImageF32, clean: ImageF32): number {
  let s = 0;
  for (let i = 0; i < noisy.data.length; i++) s += (noisy.data[i]! - clean.data[i]!) ** 2;
  return Math.sqrt(s / noisy.data.length);
}

const dir = process.argv[2]!;
const names = (await readdir(dir)).filter((n) => /_real\./.test(n)).sort();
console.log(
  '| image | est std | true std | ratio | lag (0,1) est/true | (1,0) | (0,2) | (1,1) | shift (px) | explained | true std, moved reference | ratio |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
const ratios: number[] = [];
const movedRatios: number[] = [];
for (const name of names) {
  const noisy = (await readImage(join(dir, name))).image;
  const clean = (await readImage(join(dir, name.replace('_real.', '_mean.')))).image;
  const est = estimateProfile(noisy);
  const std = Math.sqrt(est.std.reduce((s, v) => s + v * v, 0) / est.std.length);
  const truth = trueStd(noisy, clean);
  ratios.push(std / truth);
  // The reference moved onto the noisy shot's shift and sharpness (reference-fit.ts): what is left is noise.
  const fit = fitReference(noisy, clean);
  const movedTruth = trueStd(noisy, fit.moved);
  movedRatios.push(std / movedTruth);
  const lag = (dy: number, dx: number) =>
    `${profileCorrelation(est.profile, dy, dx).toFixed(2)}/${measured(noisy, clean, dy, dx).toFixed(2)}`;
  console.log(
    `| ${name.slice(0, 36)} | ${(255 * std).toFixed(2)} | ${(255 * truth).toFixed(2)} | ${(std / truth).toFixed(2)} | ${lag(0, 1)} | ${lag(1, 0)} | ${lag(0, 2)} | ${lag(1, 1)} | ${fit.shift.map((v) => v.toFixed(2)).join(', ')} | ${(100 * fit.explained).toFixed(0)}% | ${(255 * movedTruth).toFixed(2)} | ${(std / movedTruth).toFixed(2)} |`,
  );
}
console.log(`\nratio est/true: min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}`);
console.log(
  `ratio est/true, moved references: min ${Math.min(...movedRatios).toFixed(2)}, max ${Math.max(...movedRatios).toFixed(2)}`,
);
