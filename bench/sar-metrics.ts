// Reference-free SAR metrics of the default blind pipeline:
//   npx tsx bench/sar-metrics.ts DIR [--noise gamma [--looks L]] [--steps N] [--mc J] [--unwhitened] [--include RE]
//                                    [--shuffle K] [--growth Q] [--unit-ratio] [--keep] [--seed S (training's)]
//                                    [--curve (the estimated PSNR at each evaluation)] [--keep-last]
// --shuffle K: intensity (non-complex) files are split into their K x K pixel-shuffled sub-images (every K-th pixel,
// K^2 phases), trained on and denoised as such, and put back on the full grid for the metrics (GR2R.md §6).
// This is how the sub-image default (gamma `subsample`, chosen blind for correlated speckle) was measured; with
// that default on, use --noise gamma --looks L with --shuffle, or the sub-images are split again.
// DIR holds real SAR files as shared/data/real/sar does (MSTAR chips, a GRD crop in dB); they are converted into a
// temporary folder (bench/sar-inputs.ts), trained on with `gr2r train` (no --noise: the automatic choice) and
// denoised. Per image: ENL (mean^2 / variance) of the most homogeneous 16x16 windows (median of the top 10%, each
// image its own windows) of the noisy, denoised and a 7x7 Lee-filtered image; the ratio image noisy / denoised:
// mean (1 when unbiased), variance (1/L for L-look speckle), lag-1 correlation along rows and columns (against the
// noisy image's own, which is the speckle's), and its correlation with the denoised image's edges (0: no structure).
// A second table: the ratio mean over the whole image and over the output's flattest 16x16 windows, and the output
// after each local correction of engine/sar/local-correction.ts (radius 8), measured as fixes for the ratio mean.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, parse } from 'node:path';
import { parseArgs } from 'node:util';
import { estimateImage } from '../main/engine/estimate/image-estimate';
import { makeImage, type ImageF32 } from '../main/engine/image';
import { windowEnl } from '../main/engine/sar/window-enl';
import { locallyCorrected } from '../main/engine/sar/local-correction';
import { flatRatioMean, ratioMean } from '../main/engine/sar/ratio-image';
import { probeImage, readImage, writeImage } from '../main/io';
import { parseNoise } from '../main/cli/noise-flags';
import { resolveNoise } from '../main/cli/resolve-noise';
import { denoiseTask } from '../main/tasks/denoise/denoise-task';
import { trainTask } from '../main/tasks/train/train-task';
import { lee } from './lee-filter';
import { prepareSarInputs } from './sar-inputs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    noise: { type: 'string' },
    looks: { type: 'string' },
    steps: { type: 'string' },
    mc: { type: 'string' },
    unwhitened: { type: 'boolean' },
    keep: { type: 'boolean' },
    include: { type: 'string' },
    shuffle: { type: 'string' },
    growth: { type: 'string' },
    'unit-ratio': { type: 'boolean' },
    seed: { type: 'string' },
    curve: { type: 'boolean' },
    'keep-last': { type: 'boolean' },
  },
});

function correlation(a: ArrayLike<number>, b: ArrayLike<number>, keep: (k: number) => boolean): number {
  let n = 0,
    sa = 0,
    sb = 0,
    saa = 0,
    sbb = 0,
    sab = 0;
  for (let k = 0; k < a.length; k++) {
    if (!keep(k)) continue;
    const x = a[k]!,
      y = b[k]!;
    n++;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  const cov = sab / n - (sa / n) * (sb / n);
  return cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}

/** Lag-1 correlation of an image along rows (h) and columns (v), over finite values. */
function lagOne(image: ImageF32): { h: number; v: number } {
  const { data, width, height } = image;
  const shifted = (dy: number, dx: number) =>
    Float32Array.from(data, (_, k) => {
      const i = Math.floor(k / width) + dy,
        j = (k % width) + dx;
      return i < height && j < width ? data[i * width + j]! : NaN;
    });
  const finite = (other: Float32Array) => (k: number) => Number.isFinite(data[k]!) && Number.isFinite(other[k]!);
  const right = shifted(0, 1),
    down = shifted(1, 0);
  return { h: correlation(data, right, finite(right)), v: correlation(data, down, finite(down)) };
}

/** Gradient magnitude of log(denoised): where the edges are, whatever the brightness. */
function edges(image: ImageF32): Float32Array {
  const { data, width, height } = image;
  const log = Float32Array.from(data, (v) => Math.log(Math.max(v, 1e-12)));
  return Float32Array.from(log, (v, k) => {
    const i = Math.floor(k / width),
      j = k % width;
    const gx = j + 1 < width ? log[k + 1]! - v : 0,
      gy = i + 1 < height ? log[k + width]! - v : 0;
    return Math.hypot(gx, gy);
  });
}

/** The K x K pixel-shuffled sub-images of a float32 file, NAME__sAB.tif for phase (A, B). */
async function writeSubImages(file: string, into: string, k: number): Promise<void> {
  const { image } = await readImage(file);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const h = Math.floor((image.height - a + k - 1) / k),
        w = Math.floor((image.width - b + k - 1) / k);
      const sub = makeImage(
        h,
        w,
        1,
        Float32Array.from(
          { length: h * w },
          (_, p) => image.data[(a + k * Math.floor(p / w)) * image.width + b + k * (p % w)]!,
        ),
      );
      const source = {
        file,
        format: 'tiff' as const,
        bitDepth: 32 as const,
        width: w,
        height: h,
        channels: 1,
        notes: [],
      };
      await writeImage(join(into, `${parse(file).name}__s${a}${b}.tif`), sub, source);
    }
  }
}

/** Puts the denoised sub-images of `file` back on its grid. */
async function joinSubImages(file: string, outDir: string, k: number): Promise<ImageF32> {
  const { image } = await readImage(file);
  const out = new Float32Array(image.data.length);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const sub = (await readImage(join(outDir, `${parse(file).name}__s${a}${b}.tif`))).image;
      sub.data.forEach((v, p) => {
        out[(a + k * Math.floor(p / sub.width)) * image.width + b + k * (p % sub.width)] = v;
      });
    }
  }
  return makeImage(image.height, image.width, 1, out);
}

function meanOf(image: ImageF32): number {
  let s = 0,
    n = 0;
  for (const v of image.data)
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  return s / n;
}

/** The image's blind looks on its full grid (the Lee filter's L). */
function looksOf(image: ImageF32): number {
  const looks = estimateImage('image', image, 'gamma').estimate;
  return looks.family === 'gamma' ? looks.looks : NaN;
}

const fmt = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

const dir = positionals[0];
if (!dir) throw new Error('usage: npx tsx bench/sar-metrics.ts DIR [--steps N] [--mc J] [--unwhitened]');
const work = await mkdtemp(join(tmpdir(), 'gr2r-sar-'));
const data = join(work, 'data');
await mkdir(data);
const originals = join(work, 'originals');
await mkdir(originals);
const include = new RegExp(values.include ?? '.');
const inputs = (await prepareSarInputs(dir, originals, !values.unwhitened)).filter((f) => include.test(basename(f)));
const shuffle = Number(values.shuffle ?? 1);
for (const f of inputs) {
  if (shuffle > 1 && !(await probeImage(f)).complex) await writeSubImages(f, data, shuffle);
  else await copyFile(f, join(data, basename(f)));
}
console.log(
  `inputs: ${inputs.map((f) => basename(f)).join(', ')}${shuffle > 1 ? `; intensity files as ${shuffle}x${shuffle} sub-images` : ''}`,
);
const t0 = performance.now();
const resolved = await resolveNoise(parseNoise({ noise: values.noise, looks: values.looks }), data, (m) =>
  console.log(`note: ${m}`),
);
// --growth Q: GR2R-MSE weighted by the local level to the power -Q (gamma `noiseGrowth`; the family's own 1 without).
const spec =
  values.growth && resolved?.family === 'gamma' ? { ...resolved, noiseGrowth: Number(values.growth) } : resolved;
let lastPrinted: number | null = null;
const trained = await trainTask({
  data,
  out: join(work, 'model'),
  noise: spec,
  options: { ...(values.steps && { steps: Number(values.steps) }), ...(values.seed && { seed: Number(values.seed) }) },
  ...(values['keep-last'] && { keepLast: true }),
  onNote: (m) => console.log(`note: ${m}`),
  onProgress: (p) => {
    // Progress carries the latest estimate at every step: print each new one.
    if (values.curve && p.estPsnr !== null && p.estPsnr !== lastPrinted) {
      lastPrinted = p.estPsnr;
      console.log(`step ${p.step}: estimated PSNR ${p.estPsnr.toFixed(2)} dB`);
    }
  },
});
const t1 = performance.now();
const outDir = join(work, 'out');
const done = await denoiseTask({
  model: trained.model,
  input: data,
  output: outDir,
  sar: { ratio: true, ...(values['unit-ratio'] && { unitRatio: true }) },
  ...(values.mc ? { mc: Number(values.mc) } : {}),
});
const t2 = performance.now();
console.log(
  `noise ${JSON.stringify(trained.meta.noise)}; kept step ${trained.meta.step} of ${trained.lastStep}${trained.stoppedEarly ? ' (stopped early)' : ''}; train ${((t1 - t0) / 1000).toFixed(0)} s, denoise ${((t2 - t1) / 1000).toFixed(0)} s`,
);
for (const w of done.written) console.log(`notes ${basename(w.input)}: ${w.notes.join('; ')}`);
// Two tables per image, from one read of each input and output: the reference-free metrics, then the ratio mean
// measured two ways and the two local corrections measured as fixes for it (local-correction.ts): for each, ENL gain,
// ratio mean and out/noisy mean.
const metrics: string[] = [];
const corrections: string[] = [];
for (const input of inputs) {
  const noisy = (await readImage(input)).image;
  const split = shuffle > 1 && !(await probeImage(input)).complex;
  const out = split
    ? await joinSubImages(input, outDir, shuffle)
    : (await readImage(join(outDir, basename(input)))).image;
  const L = looksOf(noisy);
  const ratio: ImageF32 = {
    ...noisy,
    data: Float32Array.from(noisy.data, (v, k) => (out.data[k]! > 0 ? v / out.data[k]! : NaN)),
  };
  const finite = (k: number) => Number.isFinite(ratio.data[k]!);
  const ratios: number[] = Array.from(ratio.data).filter(Number.isFinite);
  const mean = ratios.reduce((s, v) => s + v, 0) / ratios.length;
  const variance = ratios.reduce((s, v) => s + (v - mean) ** 2, 0) / (ratios.length - 1);
  const leeFiltered = lee(noisy, L);
  const [before, after, filtered] = [windowEnl(noisy), windowEnl(out), windowEnl(leeFiltered)];
  const rl = lagOne(ratio),
    nl = lagOne(noisy);
  metrics.push(
    `| ${basename(input)} | ${fmt(L)} | ${fmt(before, 1)} | ${fmt(after, 1)} | ${fmt(after / before, 1)} | ${fmt(filtered, 1)} | ${fmt(meanOf(out) / meanOf(noisy), 3)} | ${fmt(mean, 3)} | ${fmt(variance, 3)} | ${fmt(1 / L, 3)} | ${fmt(rl.h)}/${fmt(rl.v)} | ${fmt(nl.h)}/${fmt(nl.v)} | ${fmt(correlation(ratio.data, edges(out), finite), 3)} |`,
  );
  const row = (x: ImageF32) =>
    `x${fmt(windowEnl(x) / before, 1)} / ${fmt(ratioMean(noisy, x), 3)} / ${fmt(meanOf(x) / meanOf(noisy), 3)}`;
  const ratioCorrected = locallyCorrected(noisy, out, 'ratio', 8);
  // Half the ratio correction: x-hat box(y / x-hat)^(1/2), the geometric mean of the output and its ratio correction.
  const half = { ...ratioCorrected, data: ratioCorrected.data.map((v, k) => Math.sqrt(Math.max(0, v * out.data[k]!))) };
  corrections.push(
    `| ${basename(input)} | ${fmt(ratioMean(noisy, out), 3)} | ${fmt(flatRatioMean(noisy, out), 3)} | ${fmt(ratioMean(noisy, leeFiltered), 3)} | ${row(ratioCorrected)} | ${row(half)} | ${row(locallyCorrected(noisy, out, 'mean', 8))} |`,
  );
}
console.log(
  '\n| image | looks | ENL noisy | ENL out | x | ENL Lee 7x7 | out/noisy mean | ratio mean | ratio var | 1/L | ratio lag-1 h/v | noisy lag-1 h/v | ratio-edge corr |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const line of metrics) console.log(line);
console.log(
  '\n| image | ratio mean | ratio mean, flattest windows | Lee 7x7 ratio mean | ratio-corrected r8: x / ratio / out:noisy | half ratio-corrected r8: x / ratio / out:noisy | mean-corrected r8: x / ratio / out:noisy |',
);
console.log('|---|---|---|---|---|---|---|');
for (const line of corrections) console.log(line);
for (const f of done.failures) console.log(`failed ${f.file}: ${f.reason}`);
if (!values.keep) await rm(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
