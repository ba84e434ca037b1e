// A classical floor for the photo pairs: the noisy image blurred (Gaussian) at fixed sigmas,
// scored against the references as bench/real-pairs.ts scores the denoiser, and the best sigma per image (an oracle
// choice, which no blind tool can make):
//   npx tsx bench/blur-baseline.ts DIR [--sigmas 0.5,0.7,1,1.5]
// DIR holds NAME_real.EXT (noisy) and NAME_mean.EXT (reference), e.g. ../shared/data/real/photos.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeImage, type ImageF32 } from '../main/engine/image';
import { imagePsnr } from '../main/engine/metrics';
import { readImage } from '../main/io';

/**
 * Separable Gaussian, edges clamped, in float. By hand: sharp's blur on the 8-bit file casts back by truncation (a
 * bias of -0.5/255, worth tenths of a dB at these noise levels), and its float raw input came back as zeros here.
 */
function gaussianBlur(image: ImageF32, sigma: number): ImageF32 {
  const r = Math.ceil(3 * sigma);
  const taps = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = taps.reduce((s, v) => s + v, 0);
  const k = taps.map((v) => v / sum);
  const { height: h, width: w, channels: c } = image;
  const pass = (from: Float32Array, along: 'rows' | 'columns') => {
    const out = new Float32Array(from.length);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let ch = 0; ch < c; ch++) {
          let v = 0;
          for (let i = -r; i <= r; i++) {
            const yy = along === 'columns' ? Math.min(h - 1, Math.max(0, y + i)) : y;
            const xx = along === 'rows' ? Math.min(w - 1, Math.max(0, x + i)) : x;
            v += k[i + r]! * from[(yy * w + xx) * c + ch]!;
          }
          out[(y * w + x) * c + ch] = v;
        }
    return out;
  };
  return makeImage(h, w, c, pass(pass(image.data, 'rows'), 'columns'));
}

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
