import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import type { Checkpoint } from '../../main/engine/checkpoint';
import { netFromArtifacts } from '../../main/engine/checkpoint';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { splitData } from '../../main/engine/train/data';
import type { TrainOptions } from '../../main/engine/train/options';
import { defaultTrainOptions } from '../../main/engine/train/options';
import type { TrainRun } from '../../main/engine/train/trainer';
import { train } from '../../main/engine/train/trainer';
import type { GradientThreadPool } from '../../main/tasks/parallel-workers';
import { startGradientWorkers } from '../../main/tasks/parallel-workers';
import { cleanCrop } from '../helpers/images';

const spec = { family: 'gaussian', sigma: 0.1 } as const;
const base: TrainOptions = {
  ...defaultTrainOptions, noise: spec, batch: 4, patch: 32, steps: 3, learningRate: 2e-3,
  net: { kind: 'dncnn', width: 16, depth: 4 }, evalEvery: 1000, checkpointEvery: 1000,
};
let noisy: ImageF32;

beforeAll(async () => {
  await initBackend('wasm');
  const clean = await cleanCrop('camera.png', 128, 192, 96, true);
  noisy = makeImage(128, 128, 1, noiseModel(spec).sample(clean.data, new Rng(1)));
});

/** Starts two real worker threads and keeps a handle on them, to check none is left running. */
function twoWorkers(entry?: URL) {
  const start = startGradientWorkers({ count: 2, backend: 'wasm', entry });
  const seen: { pool?: GradientThreadPool } = {};
  const gradients = async (setup: Parameters<typeof start>[0]) => (seen.pool = await start(setup));
  return { gradients, seen };
}

async function run(options: TrainOptions, extra: Partial<TrainRun> = {}) {
  const losses: number[] = [];
  const checkpoints: Checkpoint[] = [];
  const data = splitData([{ name: 'camera', image: noisy }], undefined, options.seed);
  for await (const event of train({ data, options, peak: 1, appVersion: 'test', ...extra })) {
    if (event.kind === 'step') losses.push(event.progress.loss);
    else checkpoints.push(event.checkpoint);
  }
  return { losses, checkpoints, last: checkpoints.at(-1)! };
}

async function weightsOf(checkpoint: Checkpoint): Promise<Float32Array> {
  const net = await netFromArtifacts(checkpoint.artifacts);
  const values = net.getWeights().map((w) => w.dataSync() as Float32Array);
  net.dispose();
  return Float32Array.from(values.flatMap((v) => [...v]));
}

const relative = (a: Float32Array, b: Float32Array) => {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i]! - b[i]!) ** 2;
    norm += b[i]! ** 2;
  }
  return Math.sqrt(diff / norm);
};

describe('data-parallel training on two worker threads (wasm)', () => {
  it.each([
    ['DnCNN', { kind: 'dncnn', width: 16, depth: 4 }],
    ['U-Net', { kind: 'unet', width: 8, depth: 2 }],
  ] as const)('%s: three Adam steps give the single-threaded losses and weights', async (_, net) => {
    const options = { ...base, net };
    const single = await run(options);
    const { gradients, seen } = twoWorkers();
    const parallel = await run(options, { gradients });
    expect(parallel.losses).toHaveLength(3);
    parallel.losses.forEach((loss, i) => expect(Math.abs(loss / single.losses[i]! - 1)).toBeLessThan(1e-5));
    expect(relative(await weightsOf(parallel.last), await weightsOf(single.last))).toBeLessThan(1e-5);
    expect(seen.pool?.alive()).toBe(0);
    expect(tf.memory().numTensors).toBeLessThan(1000);
  });

  it('resumes a single-threaded checkpoint on two workers along the uninterrupted losses', async () => {
    const options = { ...base, steps: 4, checkpointEvery: 2 };
    const whole = await run(options);
    const half = whole.checkpoints.find((c) => c.meta.step === 2)!;
    const resumed = await run(options, { resume: half, gradients: twoWorkers().gradients });
    resumed.losses.forEach((loss, i) => expect(Math.abs(loss / whole.losses[i + 2]! - 1)).toBeLessThan(1e-5));
    expect(resumed.losses).toHaveLength(2);
  });

  it('stops on cancel with a checkpoint, and no worker left running', async () => {
    const controller = new AbortController();
    const { gradients, seen } = twoWorkers();
    const data = splitData([{ name: 'camera', image: noisy }], undefined, 1);
    const steps: number[] = [];
    for await (const event of train({ data, options: { ...base, steps: 50 }, peak: 1, appVersion: 'test', signal: controller.signal, gradients })) {
      if (event.kind === 'step') {
        steps.push(event.progress.step);
        controller.abort();
      } else expect(event.checkpoint.meta.step).toBe(1);
    }
    expect(steps).toEqual([1]);
    expect(seen.pool?.alive()).toBe(0);
  });

  it('surfaces a worker crash as a clear error and stops the other worker', async () => {
    const { gradients, seen } = twoWorkers(new URL('./fixtures/crashing-gradient-worker.ts', import.meta.url));
    await expect(run(base, { gradients })).rejects.toThrow(/gradient worker [12] of 2 stopped \(exit code 3\)/);
    expect(seen.pool?.alive()).toBe(0);
  });
});
