// Pretrains the bundled networks that `gr2r train --init builtin` fine-tunes (resources/models/<family>/):
// the default U-Net, RGB, trained supervised on the CC0 / public-domain images of test/fixtures/images with
// synthetic noise of the family at LEVELS levels spread log-uniformly over builtin-models.ts's range (a blind
// denoiser of the family), fresh noise per copy. Gray images are repeated into the three channels, as training does.
// chelsea, rocket and camera are left out: the bench (bench/init.ts) scores on them, unseen.
// Run: nice -n 10 npx tsx scripts/pretrain.ts [--family gaussian|poisson|gamma] [--steps 1500] [--out resources/models]
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Checkpoint } from '../main/engine/checkpoint';
import { initBackend } from '../main/engine/backend';
import { makeImage } from '../main/engine/image';
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
const files = ['astronaut.png', 'brick.png', 'grass.png', 'gravel.png', 'coffee.png', 'hubble_deep_field.jpg'];
const LEVELS = 8;

const { values } = parseArgs({
  options: { family: { type: 'string' }, steps: { type: 'string' }, out: { type: 'string' } },
});
const steps = Number(values.steps ?? 1500);
const out = values.out ?? builtinModelsDir;
const families = values.family ? [values.family as BuiltinFamily] : [...builtinFamilies];
if (families.some((f) => !builtinFamilies.includes(f)))
  throw new Error(`--family must be one of ${builtinFamilies.join(', ')}`);

function specAt(family: BuiltinFamily, level: number): NoiseSpec {
  if (family === 'gaussian') return { family, sigma: level };
  if (family === 'poisson') return { family, gain: level };
  return { family, looks: level };
}

function levels(family: BuiltinFamily): number[] {
  const [lo, hi] = builtinLevels[family];
  return Array.from({ length: LEVELS }, (_, i) => +(lo * (hi / lo) ** (i / (LEVELS - 1))).toPrecision(3));
}

const clean = (await loadDataset(images)).images.filter((d) => files.some((f) => d.file.endsWith(`/${f}`)));
if (clean.length !== files.length) throw new Error(`${images}: expected ${files.join(', ')}`);
const backend = await initBackend('wasm');

for (const family of families) {
  const started = performance.now();
  const noisy: NamedImage[] = [];
  const targets: NamedImage[] = [];
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
  const middle = levels(family)[LEVELS / 2]!;
  const options = {
    ...defaultTrainOptions,
    noise: specAt(family, middle),
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
- Images: ${files.join(', ')} from test/fixtures/images (public domain or CC0, scikit-image's sample data:
  test/fixtures/images/SOURCES.md). chelsea, rocket and camera are not used: the bench scores on them.
- Noise: ${family}, ${LEVELS} levels log-uniform in [${builtinLevels[family].join(', ')}] (${levels(family).join(', ')}), one
  noisy copy of each image per level (seeded), in [0, 1] image units.
- Training: supervised (clean targets), MSE, ${steps} steps of ${defaultTrainOptions.batch} patches of ${defaultTrainOptions.patch}^2,
  Adam ${defaultTrainOptions.learningRate} (x0.1 for the last 20%), seed ${defaultTrainOptions.seed}; ${seconds.toFixed(0)} s on the 2-core build machine.
- Command: \`nice -n 10 npx tsx scripts/pretrain.ts --family ${family} --steps ${steps}\`
`;
}
