// The SAR check, with speckle made here so that the truth is known: a folder of two GRD-like crops (4 looks)
// and one single-look complex crop given as intensity, all with speckle correlated between neighbours as an
// oversampled or resampled SAR product has it (a complex Gaussian field through the separable low-pass [t, 1, t]),
// each its own scene (the camera sample, mirrored or turned) at its own brightness. Trains the default blind pipeline
// on the folder (no --noise) and prints per file: ENL of the most homogeneous windows before and after, the ratio
// image's mean (noisy / output), the output's mean over the clean scene's, and mean(clean / output).
//   npx tsx bench/sar-synthetic-folder.ts [--taps T (0.3)] [--seed S (3)] [--steps N (the blind default)]
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeImage } from '../main/engine/image';
import { Rng } from '../main/engine/random/rng';
import { ratioMean } from '../main/engine/sar/ratio-image';
import { windowEnl } from '../main/engine/sar/window-enl';
import { readImage, writeImage } from '../main/io';
import { denoiseTask } from '../main/tasks/denoise/denoise-task';
import { resolveNoiseSpec } from '../main/tasks/estimate/resolve-noise';
import { trainTask } from '../main/tasks/train/train-task';

const { values } = parseArgs({
  options: { taps: { type: 'string' }, seed: { type: 'string' }, steps: { type: 'string' } },
});
const taps = Number(values.taps ?? 0.3);
const rng = new Rng(Number(values.seed ?? 3));
const N = 512;

/** One pass of [t, 1, t] along rows or columns, wrapping at the edges. */
function lowPass(a: Float64Array, horizontal: boolean): Float64Array {
  return Float64Array.from(a, (_, p) => {
    const [i, j] = [Math.floor(p / N), p % N];
    const at = (k: number) => (horizontal ? a[i * N + ((j + k + N) % N)]! : a[((i + k + N) % N) * N + j]!);
    return taps * at(-1) + at(0) + taps * at(1);
  });
}

/** L-look speckle of mean 1: the mean of L exponential fields |z|^2, z complex Gaussian through the low-pass. */
function speckle(looks: number): Float64Array {
  const gain = 2 * (1 + 2 * taps * taps) ** 2;
  const field = () =>
    lowPass(
      lowPass(
        Float64Array.from({ length: N * N }, () => rng.normal()),
        true,
      ),
      false,
    );
  const s = new Float64Array(N * N);
  for (let l = 0; l < looks; l++) {
    const [re, im] = [field(), field()];
    for (let k = 0; k < s.length; k++) s[k] += (re[k]! ** 2 + im[k]! ** 2) / (gain * looks);
  }
  return s;
}

const camera = (await readImage(join(import.meta.dirname, '../test/fixtures/images/camera.png'))).image;
const base = Float32Array.from({ length: N * N }, (_, k) => 0.02 + camera.data[k * camera.channels]!);
const files = [
  { name: 'grd-a.tif', looks: 4, clean: base.map((v) => 0.05 * v) },
  { name: 'grd-b.tif', looks: 4, clean: base.map((_, k) => 0.2 * base[Math.floor(k / N) * N + (N - 1 - (k % N))]!) },
  { name: 'slc-intensity.tif', looks: 1, clean: base.map((_, k) => 0.01 * base[(k % N) * N + Math.floor(k / N)]!) },
];
const work = await mkdtemp(join(tmpdir(), 'gr2r-sar-synthetic-'));
try {
  const data = join(work, 'data');
  await mkdir(data);
  const noisy = files.map(({ looks, clean }) => {
    const s = speckle(looks);
    return Float32Array.from(clean, (x, k) => x * s[k]!);
  });
  for (const [i, { name }] of files.entries()) {
    const file = join(data, name);
    const source = {
      file,
      format: 'tiff' as const,
      bitDepth: 32 as const,
      width: N,
      height: N,
      channels: 1,
      notes: [],
    };
    await writeImage(file, makeImage(N, N, 1, noisy[i]!), source);
  }
  const notes: string[] = [];
  const noise = await resolveNoiseSpec({ family: 'auto' }, data, (m) => notes.push(m));
  const steps = values.steps ? { steps: Number(values.steps) } : {};
  const model = await trainTask({
    data,
    out: join(work, 'model'),
    noise,
    options: steps,
    onNote: (m) => notes.push(m),
  });
  const done = await denoiseTask({ model: model.model, input: data, output: join(work, 'out') });
  console.log(notes.filter((n) => /looks|correlated/.test(n)).join('\n'));
  console.log(`\ntaps ${taps}, ${model.lastStep} steps\n`);
  console.log('| file | looks | ENL noisy | ENL out | x | ratio mean | out / clean mean | mean(clean / out) |');
  console.log('|---|---|---|---|---|---|---|---|');
  const mean = (a: ArrayLike<number>) => {
    let sum = 0;
    for (let k = 0; k < a.length; k++) sum += a[k]!;
    return sum / a.length;
  };
  for (const [i, { name, looks, clean }] of files.entries()) {
    const out = (await readImage(done.written.find((w) => w.input.endsWith(name))!.output)).image.data;
    const image = (a: Float32Array) => makeImage(N, N, 1, a);
    const [before, after] = [windowEnl(image(noisy[i]!))!, windowEnl(image(out))!];
    const truth = mean(clean.map((c, k) => c / out[k]!));
    console.log(
      `| ${name} | ${looks} | ${before.toFixed(2)} | ${after.toFixed(1)} | ${(after / before).toFixed(0)} | ` +
        `${ratioMean(image(noisy[i]!), image(out)).toFixed(3)} | ${(mean(out) / mean(clean)).toFixed(3)} | ${truth.toFixed(3)} |`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
