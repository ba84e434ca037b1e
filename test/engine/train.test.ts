import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import type { Checkpoint } from '../../main/engine/checkpoint';
import { netFromArtifacts } from '../../main/engine/checkpoint';
import { denoiseImage } from '../../main/engine/denoise-image';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { imagePsnr } from '../../main/engine/metrics';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { splitData } from '../../main/engine/train/data';
import type { TrainOptions } from '../../main/engine/train/options';
import { defaultTrainOptions } from '../../main/engine/train/options';
import { train } from '../../main/engine/train/trainer';
import { loadModel, saveModel } from '../../main/io';
import { modelMetaSchema } from '../../main/shared/model';
import { cleanCrop } from '../helpers/images';

const spec = { family: 'gaussian', sigma: 0.1 } as const;
const small: TrainOptions = {
  ...defaultTrainOptions,
  noise: spec,
  batch: 4,
  patch: 32,
  learningRate: 2e-3,
  net: { kind: 'dncnn', width: 16, depth: 4 },
  evalEvery: 20,
  checkpointEvery: 1000,
};

let clean: ImageF32;
let noisy: ImageF32;
let dir: string;

beforeAll(async () => {
  await initBackend('wasm');
  clean = await cleanCrop('camera.png', 128, 192, 96, true);
  noisy = makeImage(128, 128, 1, noiseModel(spec).sample(clean.data, new Rng(1)));
  dir = await mkdtemp(join(tmpdir(), 'gr2r-train-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(options: TrainOptions, resume?: Checkpoint) {
  const losses = new Map<number, number>();
  const checkpoints: Checkpoint[] = [];
  const data = splitData([{ name: 'camera', image: noisy }], undefined, options.seed);
  for await (const event of train({ data, options, peak: 1, appVersion: 'test', resume })) {
    if (event.kind === 'step') losses.set(event.progress.step, event.progress.loss);
    else checkpoints.push(event.checkpoint);
  }
  return { losses, checkpoints };
}

const meanOf = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('training on a real image with Gaussian noise (wasm backend)', () => {
  it('lowers the loss, and the Monte Carlo estimate beats the noisy input', async () => {
    const { losses, checkpoints } = await run({ ...small, steps: 120 });
    const curve = [...losses.values()];
    expect(meanOf(curve.slice(-20))).toBeLessThan(meanOf(curve.slice(0, 20)));
    const final = checkpoints.at(-1)!;
    const net = await netFromArtifacts(final.artifacts);
    const denoised = await denoiseImage(net, final.meta, noisy, { mc: 5, seed: 3, tile: 256, overlap: 32 });
    expect(imagePsnr(denoised, clean)).toBeGreaterThan(imagePsnr(noisy, clean) + 1.5);
    expect(final.meta.estPsnr).not.toBeNull();
  });

  it('resumes from a saved checkpoint along the uninterrupted loss curve', async () => {
    const options = { ...small, steps: 12, checkpointEvery: 6 };
    const whole = await run(options);
    const half = whole.checkpoints.find((c) => c.meta.step === 6)!;
    const folder = join(dir, 'checkpoint');
    await saveModel(folder, half.artifacts, half.meta, half.optimizer);
    const loaded = await loadModel(folder, (json) => modelMetaSchema.parse(json));
    const resumed = await run(options, loaded);
    expect([...resumed.losses.keys()]).toEqual([7, 8, 9, 10, 11, 12]);
    for (const [step, loss] of resumed.losses) expect(loss).toBeCloseTo(whole.losses.get(step)!, 5);
  });

  it('stops on cancel with a checkpoint to resume from', async () => {
    const controller = new AbortController();
    const data = splitData([{ name: 'camera', image: noisy }], undefined, 1);
    const events = [];
    for await (const event of train({
      data,
      options: { ...small, steps: 50 },
      peak: 1,
      appVersion: 'test',
      signal: controller.signal,
    })) {
      events.push(event);
      if (event.kind === 'step' && event.progress.step === 3) controller.abort();
    }
    const last = events.at(-1)!;
    expect(last.kind).toBe('checkpoint');
    expect(last.kind === 'checkpoint' && last.checkpoint.meta.step).toBe(3);
  });
});
