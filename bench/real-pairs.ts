// The default blind pipeline on real noisy/reference pairs, scored against the references:
//   npx tsx bench/real-pairs.ts DIR [--noise FAMILY] [--steps N] [--mc J] [--alpha A] [--level-scale S] [--noisy _real. --clean _mean.] [--affine]
//     [--keep] [--model DIR (skip training: denoise with this model)] [--no-flips] [--radius R] [--pooled]
//     [--init builtin|none|MODEL_DIR (default: as gr2r train, the bundled network where one fits)] [--lr RATE] [--format keep|png|tiff16|jpeg:Q (the outputs')]
//     [--keep-last (the last step's weights, not the best estimated PSNR's)] [--batch N] [--patch N] [--width N] [--depth N]
//     [--moved (also the gain against each reference moved onto its noisy shot's shift and sharpness: reference-fit.ts)]
// DIR holds NAME_real.EXT (noisy) and NAME_mean.EXT (reference), e.g. ../shared/data/real/photos (for the W2S
// microscopy pair: --noisy input_avg1 --clean target_avg400 --affine, as each of its images was rescaled on its own).
// Only the noisy files are trained on (copied to a temporary folder); prints per-image PSNR/SSIM before and after
// (after a least-squares affine map onto the reference with --affine), and the mean gain.
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { imagePsnr as psnrOf } from '../main/engine/metrics';
import { imageSsim as ssim } from '../main/engine/ssim';
import type { ImageF32 } from '../main/engine/image';
import { readImage } from '../main/io';
import { estimateProfile } from '../main/engine/estimate/noise-profile';
import { denoiseTask } from '../main/tasks/denoise/denoise-task';
import { trainTask } from '../main/tasks/train/train-task';
import { resolveNoise } from '../main/cli/resolve-noise';
import { parseNoise } from '../main/cli/noise-flags';
import { parseOutputFormat } from '../main/shared/output-format';
import { netOf } from '../main/shared/defaults';
import type { InitRequest } from '../main/tasks/train/init-model';
import { fitReference } from './reference-fit';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    noise: { type: 'string' },
    steps: { type: 'string' },
    mc: { type: 'string' },
    keep: { type: 'boolean' },
    'level-scale': { type: 'string' },
    noisy: { type: 'string' },
    clean: { type: 'string' },
    affine: { type: 'boolean' },
    alpha: { type: 'string' },
    model: { type: 'string' },
    'no-flips': { type: 'boolean' },
    radius: { type: 'string' },
    pooled: { type: 'boolean' },
    init: { type: 'string' },
    lr: { type: 'string' },
    format: { type: 'string' },
    'keep-last': { type: 'boolean' },
    batch: { type: 'string' },
    patch: { type: 'string' },
    width: { type: 'string' },
    depth: { type: 'string' },
    moved: { type: 'boolean' },
  },
});
const dir = positionals[0]!;
const work = await mkdtemp(join(tmpdir(), 'gr2r-pairs-'));
const noisyDir = join(work, 'noisy');
const { mkdir } = await import('node:fs/promises');
await mkdir(noisyDir);
const noisyTag = values.noisy ?? '_real.';
const cleanTag = values.clean ?? '_mean.';
const names = (await readdir(dir)).filter((n) => n.includes(noisyTag)).sort();
for (const n of names) await copyFile(join(dir, n), join(noisyDir, n));
const t0 = performance.now();
const trained = values.model ? { model: values.model, meta: undefined } : await train();
async function train() {
  const resolved = await resolveNoise(parseNoise({ noise: values.noise }), noisyDir, (m) => console.log(`note: ${m}`));
  let spec =
    resolved?.family === 'correlated' && values['level-scale']
      ? { ...resolved, levelScale: Number(values['level-scale']) }
      : resolved;
  // --radius: the correlation window of every profile (the fallback re-measured on the first image); --pooled: one
  // profile for all images instead of each image's own.
  if (spec?.family === 'correlated' && values.radius) {
    const first = (await readImage(join(noisyDir, names[0]!))).image;
    spec = { ...spec, profile: estimateProfile(first, Number(values.radius)).profile };
  }
  if (spec?.family === 'correlated' && values.pooled) spec = { ...spec, perImage: false };
  return trainTask({
    data: noisyDir,
    out: join(work, 'model'),
    noise: spec,
    ...(values['keep-last'] && { keepLast: true }),
    ...initOf(),
    options: {
      ...(values.steps && { steps: Number(values.steps) }),
      ...(values.lr && { learningRate: Number(values.lr) }),
      ...(values.alpha && { alpha: Number(values.alpha) }),
      ...(values.batch && { batch: Number(values.batch) }),
      ...(values.patch && { patch: Number(values.patch) }),
      ...((values.width || values.depth) && {
        net: netOf('unet', {
          ...(values.width && { width: Number(values.width) }),
          ...(values.depth && { depth: Number(values.depth) }),
        }),
      }),
    },
    onNote: (m) => console.log(`note: ${m}`),
  });
}
/** --init as gr2r train reads it: by default the bundled network where one fits (defaultInit), none: random weights. */
function initOf(): { init?: InitRequest } {
  if (values.init === 'none') return {};
  if (values.init) return { init: values.init === 'builtin' ? 'builtin' : { folder: values.init } };
  return { init: 'default' };
}
const t1 = performance.now();
const out = join(work, 'out');
const done = await denoiseTask({
  model: trained.model,
  input: noisyDir,
  output: out,
  ...(values.mc ? { mc: Number(values.mc) } : {}),
  ...(values['no-flips'] && { flips: false }),
  ...(values.format && { format: parseOutputFormat(values.format) }),
});
const t2 = performance.now();
console.log(
  `train ${((t1 - t0) / 1000).toFixed(0)} s, denoise ${((t2 - t1) / 1000).toFixed(0)} s; est. PSNR ${trained.meta?.estPsnr?.toFixed(2)}`,
);
const movedColumns = values.moved ? ' shift (px) | explained | gain, moved reference |' : '';
console.log(`| image | PSNR noisy | PSNR out | gain | SSIM noisy | SSIM out |${movedColumns}`);
console.log(`|---|---|---|---|---|---|${values.moved ? '---|---|---|' : ''}`);
const gains: number[] = [];
const movedGains: number[] = [];
/** With --moved, the reference fitted onto the noisy shot, and the output's gain against it. */
function movedCells(noisy: ImageF32, den: ImageF32, ref: ImageF32): string {
  if (!values.moved) return '';
  const f = fitReference(noisy, ref);
  const gain = psnrOf(den, f.moved) - psnrOf(noisy, f.moved);
  movedGains.push(gain);
  return ` ${f.shift.map((v) => v.toFixed(2)).join(', ')} | ${(100 * f.explained).toFixed(0)}% | ${gain >= 0 ? '+' : ''}${gain.toFixed(2)} |`;
}
const listing = await readdir(dir);
/** The reference beside a noisy file: the tag swapped, any extension (a PNG reference for a JPEG photo). */
function referenceOf(name: string): string {
  const stem = name.replace(noisyTag, cleanTag).replace(/\.[^.]+$/, '.');
  return (
    listing.find((n) => n === name.replace(noisyTag, cleanTag)) ??
    listing.find((n) => n.startsWith(stem)) ??
    name.replace(noisyTag, cleanTag)
  );
}
/** With --affine, the least-squares a v + b onto the reference (images rescaled on their own, as W2S's). */
function fit(image: ImageF32, ref: ImageF32): ImageF32 {
  if (!values.affine) return image;
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  const n = image.data.length;
  for (let i = 0; i < n; i++) {
    const x = image.data[i]!,
      y = ref.data[i]!;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const a = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const b = (sy - a * sx) / n;
  return { ...image, data: image.data.map((v) => a * v + b) };
}
for (const w of done.written) {
  const ref = (await readImage(join(dir, referenceOf(basename(w.input))))).image;
  const noisy = fit((await readImage(w.input)).image, ref);
  const den = fit((await readImage(w.output)).image, ref);
  const a = psnrOf(noisy, ref),
    b = psnrOf(den, ref);
  gains.push(b - a);
  const moved = movedCells(noisy, den, ref);
  console.log(
    `| ${basename(w.input).slice(0, 40)} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b - a >= 0 ? '+' : '') + (b - a).toFixed(2)} | ${ssim(noisy, ref).toFixed(4)} | ${ssim(den, ref).toFixed(4)} |${moved}`,
  );
}
const mean = gains.reduce((s, g) => s + g, 0) / gains.length;
console.log(
  `\nmean gain ${mean >= 0 ? '+' : ''}${mean.toFixed(2)} dB; worst ${Math.min(...gains).toFixed(2)} dB; ${gains.filter((g) => g < 0).length} image(s) made worse`,
);
if (values.moved) {
  const m = movedGains.reduce((s, g) => s + g, 0) / movedGains.length;
  console.log(`against the moved references: mean gain ${m >= 0 ? '+' : ''}${m.toFixed(2)} dB`);
}
for (const f of done.failures) console.log(`failed ${f.file}: ${f.reason}`);
if (!values.keep) await rm(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
