// Pretrains the bundled networks that `gr2r train --init builtin` fine-tunes (resources/models/<family>/):
// the default U-Net, RGB, trained supervised on the CC0 / public-domain images of test/fixtures/images with
// synthetic noise of the family at LEVELS levels spread log-uniformly over builtin-models.ts's range (a blind
// denoiser of the family), fresh noise per copy. Gray images are repeated into the three channels, as training does.
// chelsea, rocket and camera are left out: the bench (bench/init.ts) scores on them, unseen. The camera-noise
// network (correlated) is trained on the five colour images instead, enlarged copies through a synthetic camera
// (cameraJpeg), and scored on real photos (bench/real-pairs.ts).
// Run: nice -n 10 npx tsx scripts/pretrain.ts [--family gaussian|poisson|gamma|correlated] [--steps 1500] [--out resources/models]
import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Checkpoint } from '../main/engine/checkpoint';
import { initBackend } from '../main/engine/backend';
import { cameraNoiseField, drawCameraNoise } from '../main/engine/camera-noise';
import { makeImage, type ImageF32 } from '../main/engine/image';
import { estimateProfile } from '../main/engine/estimate/noise-profile';
import { noiseModel } from '../main/engine/noise';
import { Rng } from '../main/engine/random/rng';
import type { NamedImage } from '../main/engine/train/data';
import { defaultTrainOptions } from '../main/engine/train/options';
import { train } from '../main/engine/train/trainer';
import { saveModel } from '../main/io';
import type { BuiltinFamily } from '../main/tasks/train/builtin-models';
import { builtinFamilies, builtinLevels, builtinModelsDir } from '../main/tasks/train/builtin-models';
import { loadDataset } from '../main/tasks/dataset';
import { chooseGradients } from '../main/runtime/training-gradients';
import { appVersion } from '../main/runtime/version';
import type { NoiseSpec } from '../main/shared/noise';

const images = resolve(import.meta.dirname, '../test/fixtures/images');
const grayMix = ['astronaut.png', 'brick.png', 'grass.png', 'gravel.png', 'coffee.png', 'hubble_deep_field.jpg'];
const colour = ['astronaut.png', 'coffee.png', 'hubble_deep_field.jpg', 'chelsea.png', 'rocket.jpg'];
const filesFor = (family: BuiltinFamily) => (family === 'correlated' ? colour : grayMix);
const LEVELS = 8;
const COPIES = 32;
/** Camera copies are enlarged by a factor log-uniform in [1, ZOOM]: a camera's photo is soft at the pixel scale
 * (optics, demosaicking), unlike these sample images, which were downscaled to their size. */
const ZOOM = 2;
/** JPEG quality of the camera copies, uniform in [lo, hi]: cameras save at 90-98, phones, sharing apps and datasets
 * lower (the PolyU photos are quality 75). */
const JPEG_QUALITY = [70, 98] as const;

const { values } = parseArgs({
  options: { family: { type: 'string' }, steps: { type: 'string' }, out: { type: 'string' } },
});
const steps = Number(values.steps ?? 1500);
const out = values.out ?? builtinModelsDir;
const families = values.family ? [values.family as BuiltinFamily] : [...builtinFamilies];
if (families.some((f) => !builtinFamilies.includes(f)))
  throw new Error(`--family must be one of ${builtinFamilies.join(', ')}`);

function specAt(family: Exclude<BuiltinFamily, 'correlated'>, level: number): NoiseSpec {
  if (family === 'gaussian') return { family, sigma: level };
  if (family === 'poisson') return { family, gain: level };
  return { family, looks: level };
}

function levels(family: BuiltinFamily): number[] {
  const [lo, hi] = builtinLevels[family];
  return Array.from({ length: LEVELS }, (_, i) => +(lo * (hi / lo) ** (i / (LEVELS - 1))).toPrecision(3));
}

const dataset = (await loadDataset(images)).images;
const backend = await initBackend('wasm');

/** The pretraining pairs of a family: noisy copies and their clean targets, seeded. */
async function pairs(family: BuiltinFamily): Promise<{ noisy: NamedImage[]; targets: NamedImage[]; spec: NoiseSpec }> {
  const files = filesFor(family);
  const clean = dataset.filter((d) => files.some((f) => d.file.endsWith(`/${f}`)));
  if (clean.length !== files.length) throw new Error(`${images}: expected ${files.join(', ')}`);
  const noisy: NamedImage[] = [];
  const targets: NamedImage[] = [];
  if (family === 'correlated') {
    const rng = new Rng(11);
    for (let copy = 0; copy < COPIES; copy++) {
      for (const { name, image } of clean) {
        const target = permuted(await zoomed(image, ZOOM ** rng.uniform(), rng), rng);
        noisy.push({ name: `${name}@${copy}`, image: await cameraJpeg(target, rng) });
        targets.push({ name, image: target });
      }
    }
    // What gr2r.json records: the profile measured on one copy (the network is blind over the range).
    return { noisy, targets, spec: { family, profile: estimateProfile(noisy[0]!.image).profile, perImage: true } };
  }
  for (const [l, level] of levels(family).entries()) {
    const model = noiseModel(specAt(family, level));
    for (const [i, { name, image }] of clean.entries()) {
      noisy.push({
        name: `${name}@${level}`,
        image: makeImage(image.height, image.width, image.channels, model.sample(image.data, Rng.derive(7, l, i))),
      });
      targets.push({ name, image });
    }
  }
  return { noisy, targets, spec: specAt(family, levels(family)[LEVELS / 2]!) };
}

/** The image with its colour channels in a random order, so that the network learns no colour cast. */
function permuted(image: ImageF32, rng: Rng): ImageF32 {
  const orders = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ] as const;
  const order = orders[rng.int(orders.length)]!;
  const { height, width, data } = image;
  return makeImage(
    height,
    width,
    3,
    Float32Array.from({ length: data.length }, (_, i) => data[i - (i % 3) + order[i % 3]!]!),
  );
}

/** The image enlarged s times (Lanczos) and cropped back to its size at random. */
async function zoomed(image: ImageF32, s: number, rng: Rng): Promise<ImageF32> {
  const { height, width } = image;
  const bytes = Buffer.from(image.data.map((v) => Math.round(255 * v)));
  const h = Math.round(height * s);
  const w = Math.round(width * s);
  const top = rng.int(h - height + 1);
  const left = rng.int(w - width + 1);
  const data = await sharp(bytes, { raw: { width, height, channels: 3 } })
    .resize(w, h, { kernel: 'lanczos3' })
    .extract({ left, top, width, height })
    .raw()
    .toBuffer();
  return fromBytes(height, width, data);
}

/** 8-bit RGB bytes as an image in [0, 1]. */
function fromBytes(height: number, width: number, bytes: Buffer): ImageF32 {
  return makeImage(
    height,
    width,
    3,
    Float32Array.from(bytes, (v) => v / 255),
  );
}

/** The clean image with a random camera's noise, clipped to 8 bits and saved as a JPEG of quality 70 to 98. */
async function cameraJpeg(clean: ImageF32, rng: Rng): Promise<ImageF32> {
  const [lo, hi] = builtinLevels.correlated;
  const noise = cameraNoiseField(clean, drawCameraNoise(lo, hi, rng), rng).data;
  const bytes = Buffer.from(clean.data.map((v, i) => Math.round(255 * Math.min(1, Math.max(0, v + noise[i]!)))));
  const raw = { width: clean.width, height: clean.height, channels: 3 as const };
  const jpeg = await sharp(bytes, { raw })
    .jpeg({ quality: JPEG_QUALITY[0] + rng.int(JPEG_QUALITY[1] - JPEG_QUALITY[0] + 1) })
    .toBuffer();
  return fromBytes(clean.height, clean.width, await sharp(jpeg).raw().toBuffer());
}

for (const family of families) {
  const started = performance.now();
  const { noisy, targets, spec } = await pairs(family);
  const options = {
    ...defaultTrainOptions,
    noise: spec,
    loss: 'supervised' as const,
    steps,
    checkpointEvery: steps,
    evalEvery: steps,
  };
  const data = {
    train: noisy,
    trainClean: targets,
    validation: noisy.slice(0, 4),
    validationClean: targets.slice(0, 4),
    heldOut: false,
  };
  const gradients = chooseGradients({ backend: backend.name, onNote: (m) => console.error(m) });
  let last: Checkpoint | undefined;
  for await (const event of train({ data, options, peak: 1, appVersion, gradients })) {
    if (event.kind === 'step' && event.progress.step % 100 === 0)
      console.error(`${family} step ${event.progress.step}/${steps} loss ${event.progress.loss.toPrecision(4)}`);
    if (event.kind === 'checkpoint') last = event.checkpoint;
  }
  if (!last) throw new Error('training ended without a checkpoint');
  const dir = join(out, family);
  await saveModel(dir, last.artifacts, last.meta, undefined, { overwrite: true });
  const seconds = (performance.now() - started) / 1000;
  await writeFile(join(dir, 'PROVENANCE.md'), provenance(family, seconds));
  console.log(`${family}: ${steps} steps in ${seconds.toFixed(0)} s, saved to ${dir}`);
}

function provenance(family: BuiltinFamily, seconds: number): string {
  return `# Bundled ${family} network

What \`gr2r train --init builtin\` fine-tunes for ${family} noise (docs/quality.md, "Fine-tuning a bundled network").

- Network: the default U-Net 32-64-128, 3 channels (a gray model is folded from it exactly: main/tasks/init-model.ts).
${family === 'correlated' ? cameraLines() : levelLines(family)}
- Training: supervised (clean targets), MSE, ${steps} steps of ${defaultTrainOptions.batch} patches of ${defaultTrainOptions.patch}^2,
  Adam ${defaultTrainOptions.learningRate} (x0.1 for the last 20%), seed ${defaultTrainOptions.seed}; ${seconds.toFixed(0)} s on the 2-core build machine.
- Command: \`nice -n 10 npx tsx scripts/pretrain.ts --family ${family} --steps ${steps}\`
`;
}

function levelLines(family: Exclude<BuiltinFamily, 'correlated'>): string {
  return `- Images: ${grayMix.join(', ')} from test/fixtures/images (public domain or CC0, scikit-image's sample data:
  test/fixtures/images/SOURCES.md). chelsea, rocket and camera are not used: the bench scores on them.
- Noise: ${family}, ${LEVELS} levels log-uniform in [${builtinLevels[family].join(', ')}] (${levels(family).join(', ')}), one
  noisy copy of each image per level (seeded), in [0, 1] image units.`;
}

function cameraLines(): string {
  return `- Images: ${colour.join(', ')} from test/fixtures/images (public domain or CC0, scikit-image's sample data:
  test/fixtures/images/SOURCES.md), ${COPIES} copies of each, enlarged by a factor log-uniform in [1, ${ZOOM}]
  (Lanczos) and cropped back to the image's size at random, channels permuted at random. It is scored on real photos.
- Noise: a camera's (main/engine/camera-noise.ts): shot gain a log-uniform in [${builtinLevels.correlated.join(', ')}], read
  variance a / 10, on an RGGB mosaic, demosaicked (each colour the mean of its photosites in 3 x 3), chroma and flat-area luma noise reduction of random
  strength, 8 bits, JPEG quality ${JPEG_QUALITY.join('-')} (seeded).`;
}
