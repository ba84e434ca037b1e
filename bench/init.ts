// Fine-tuning from the bundled network against training from random weights (issue 22 item 3): GR2R on the noisy
// images it then denoises, as a user does, for each family; PSNR against the clean images, J = --mc.
// The images must not be those the bundled networks were pretrained on (scripts/pretrain.ts): by default chelsea,
// rocket and camera from ../shared/data/images (development data only, never in the repository).
// Run: nice -n 10 npx tsx bench/init.ts [--data DIR] [--files a.png,b.jpg] [--scratch 400] [--finetune 100] [--mc 5] [--lr R[,R2] (fine-tuning's)]
//        [--family gaussian,poisson,gamma] [--all-levels] [--models DIR (the bundled networks: resources/models)]
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../main/engine/backend';
import { makeImage } from '../main/engine/image';
import { maxChannels } from '../main/engine/train/data';
import type { NamedImage } from '../main/engine/train/data';
import { defaultTrainOptions } from '../main/engine/train/options';
import { benchConditions } from '../main/tasks/bench/conditions';
import { evaluateGr2r } from '../main/tasks/bench/evaluate';
import { addNoise, noiseKey } from '../main/tasks/bench/noisy';
import { scoreImages } from '../main/tasks/bench/score';
import { trainModel } from '../main/tasks/bench/train-model';
import { builtinFamilies, isBuiltinFamily } from '../main/tasks/train/builtin-models';
import { loadDataset } from '../main/tasks/dataset';
import { loadInitModel } from '../main/tasks/train/init-model';
import { chooseGradients } from '../main/runtime/training-gradients';
import { initDefaults, trainDefaults } from '../main/shared/defaults';
import { describeNoise } from '../main/shared/noise';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    files: { type: 'string' },
    scratch: { type: 'string' },
    finetune: { type: 'string' },
    mc: { type: 'string' },
    lr: { type: 'string' },
    models: { type: 'string' },
    family: { type: 'string' },
    'all-levels': { type: 'boolean' },
  },
});
const data = values.data ?? resolve(import.meta.dirname, '../../shared/data/images');
const files = (values.files ?? 'chelsea.png,rocket.jpg,camera.png').split(',');
const scratch = Number(values.scratch ?? trainDefaults.steps);
const finetune = Number(values.finetune ?? initDefaults.steps);
const mc = Number(values.mc ?? 5);
const rates = (values.lr ?? String(initDefaults.learningRate)).split(',').map(Number);
const families = values.family ? values.family.split(',') : [...builtinFamilies];

const loaded = (await loadDataset(data)).images.filter((d) => files.includes(basename(d.file)));
if (loaded.length !== files.length) throw new Error(`${data}: expected ${files.join(', ')}`);
const clean: NamedImage[] = loaded.map(({ file, image }) => ({
  name: basename(file),
  image: makeImage(
    image.height,
    image.width,
    image.channels,
    image.data.map((v) => Math.min(1, Math.max(0, v))),
  ),
}));
const backend = await initBackend('wasm');
const gradients = chooseGradients({ backend: backend.name });
// The bench's levels (conditions.ts), the stronger one of each family unless --all-levels.
const conditions = benchConditions.filter((c) => isBuiltinFamily(c.spec.family) && families.includes(c.spec.family));
const chosen = values['all-levels']
  ? conditions
  : conditions.filter((c, i) => conditions.findIndex((d) => d.spec.family === c.spec.family) !== i);

console.log(
  `images: ${files.join(', ')} (${data}); GR2R-MSE, alpha ${trainDefaults.alpha}, J = ${mc}, seed ${defaultTrainOptions.seed}; PSNR dB, mean over images`,
);
const tunedNames = rates.map((r) => `${finetune} steps from builtin, rate ${r}`);
console.log(
  `| noise | noisy | ${scratch} steps from scratch | ${finetune} steps from scratch | builtin, no fine-tuning | ${tunedNames.join(' | ')} | best builtin ${finetune} - scratch ${scratch} |`,
);
console.log(`|${'---|'.repeat(6 + rates.length)}`);
for (const { spec } of chosen) {
  const noisy = addNoise(clean, spec, 1, 2 * noiseKey(spec));
  const options = { ...defaultTrainOptions, noise: spec, evalEvery: 1_000_000 };
  const channels = maxChannels(noisy);
  // steps 0: the bundled network as it is (one step at a negligible rate, so that it runs with the run's meta).
  const score = async (steps: number, init: boolean, rate = options.learningRate) => {
    const net = init
      ? (await loadInitModel('builtin', { noise: spec, net: options.net, channels }, values.models)).net
      : undefined;
    const run = steps === 0 ? { ...options, steps: 1, learningRate: 1e-12 } : { ...options, steps, learningRate: rate };
    const model = await trainModel(noisy, undefined, run, { gradients, init: net });
    try {
      return (await evaluateGr2r(model, noisy, clean, mc)).averaged.psnr;
    } finally {
      model.net.dispose();
    }
  };
  const noisyPsnr = scoreImages(
    noisy.map((n) => n.image),
    clean.map((c) => c.image),
  ).psnr;
  const long = await score(scratch, false);
  const short = await score(finetune, false);
  const pretrained = await score(0, true);
  const tuned: number[] = [];
  for (const rate of rates) tuned.push(await score(finetune, true, rate));
  const gain = Math.max(...tuned) - long;
  const cells = [noisyPsnr, long, short, pretrained, ...tuned].map((v) => v.toFixed(2));
  console.log(`| ${describeNoise(spec)} | ${cells.join(' | ')} | ${gain >= 0 ? '+' : ''}${gain.toFixed(2)} |`);
}
