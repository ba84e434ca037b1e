import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { netArtifacts } from '../../main/engine/checkpoint';
import { denoiseImage } from '../../main/engine/denoise-image';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { imagePsnr } from '../../main/engine/metrics';
import { buildNet } from '../../main/engine/nets';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { saveModel, writeImage } from '../../main/io';
import { trainDefaults } from '../../main/shared/defaults';
import type { NoiseSpec } from '../../main/shared/noise';
import { builtinFamilies, builtinModelsDir, defaultInit } from '../../main/tasks/train/builtin-models';
import { initFolder } from '../../main/tasks/train/init-model';
import { openModel } from '../../main/tasks/model';
import { trainTask } from '../../main/tasks/train/train-task';
import { cleanCrop } from '../helpers/images';
import { testMeta } from './helpers';

const spec: NoiseSpec = { family: 'gaussian', sigma: 0.1 };
let dir: string;
let clean: ImageF32;
let noisy: ImageF32;

beforeAll(async () => {
  await initBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'gr2r-init-'));
  await mkdir(join(dir, 'noisy'));
  // The chelsea crop: not among the images the bundled networks were pretrained on (scripts/pretrain.ts).
  clean = await cleanCrop('chelsea.png', 128);
  noisy = makeImage(128, 128, 3, noiseModel(spec).sample(clean.data, new Rng(5)));
  const file = join(dir, 'noisy', 'cat.tif');
  await writeImage(file, noisy, {
    file,
    format: 'tiff',
    bitDepth: 32,
    width: 128,
    height: 128,
    channels: 3,
    notes: [],
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Trains `steps` on the noisy crop (U-Net of the defaults) and returns the model's PSNR against the clean crop. */
async function trainedPsnr(out: string, init: 'builtin' | undefined, steps: number) {
  const result = await trainTask({
    data: join(dir, 'noisy'),
    out: join(dir, out),
    noise: spec,
    backend: 'wasm',
    init,
    options: { steps, batch: 2, patch: 64, evalEvery: 1000, ...(init === undefined ? {} : { learningRate: 1e-6 }) },
  });
  const model = await openModel(result.model);
  try {
    const output = await denoiseImage(model.net, model.meta, noisy, { mc: 2, seed: 3, tile: 512 });
    return { psnr: imagePsnr(output, clean), meta: result.meta };
  } finally {
    model.net.dispose();
  }
}

describe('the bundled networks', () => {
  for (const family of builtinFamilies) {
    it(`${family}: loads as the default U-Net for RGB, with its provenance`, async () => {
      const folder = join(builtinModelsDir, family);
      const model = await openModel(folder);
      model.net.dispose();
      expect(model.meta.net).toEqual(trainDefaults.net);
      expect(model.meta.channels).toBe(3);
      expect(model.meta.noise.family).toBe(family);
      const provenance = await readFile(join(folder, 'PROVENANCE.md'), 'utf8');
      expect(provenance).toMatch(/scripts\/pretrain\.ts/);
      expect(provenance).toMatch(/SOURCES\.md/);
      await expect(access(join(folder, 'optimizer.bin'))).rejects.toThrow(); // weights only: kept small
    });
  }
});

describe('gr2r train --init', () => {
  it('builtin: starts far better than random weights on an unseen photo, and records where it started', async () => {
    // One step at a negligible rate: each model is (nearly) its starting point.
    const scratch = await trainedPsnr('scratch', undefined, 1);
    const builtin = await trainedPsnr('builtin', 'builtin', 1);
    const noisyPsnr = imagePsnr(noisy, clean);
    expect(builtin.psnr).toBeGreaterThan(noisyPsnr + 5);
    expect(builtin.psnr).toBeGreaterThan(scratch.psnr + 3);
    expect(builtin.meta.init).toEqual({ source: 'builtin', name: 'gaussian', steps: expect.any(Number) });
    expect(builtin.meta.init!.steps).toBeGreaterThan(0);
    expect(scratch.meta.init).toBeUndefined();
  });

  it('builtin with no steps given fine-tunes for the fine-tuning default', async () => {
    // Stopped after its first step: enough to read the run's planned steps.
    const controller = new AbortController();
    const result = await trainTask({
      data: join(dir, 'noisy'),
      out: join(dir, 'default-steps'),
      noise: spec,
      backend: 'wasm',
      init: 'builtin',
      options: { batch: 1, patch: 32, evalEvery: 1000 },
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(result.meta.totalSteps).toBe(100);
  });

  it('refuses a MODEL_DIR of another network, naming the folder and both networks', async () => {
    const other = join(dir, 'dncnn-model');
    const net = { kind: 'dncnn', width: 8, depth: 3 } as const;
    const model = buildNet(net, 3, 1);
    await saveModel(other, await netArtifacts(model), testMeta(spec, 3, net));
    model.dispose();
    await expect(
      trainTask({
        data: join(dir, 'noisy'),
        out: join(dir, 'refused'),
        noise: spec,
        backend: 'wasm',
        init: { folder: other },
        options: { steps: 1 },
      }),
    ).rejects.toThrow(/dncnn-model: holds a DnCNN 3 layers x 8 but this run trains a U-Net 32-64-128/);
  });

  it('refuses a MODEL_DIR made for fewer channels than the images have', async () => {
    const gray = join(dir, 'gray-model');
    const net = { kind: 'unet', width: 32, depth: 3 } as const;
    const model = buildNet(net, 1, 1);
    await saveModel(gray, await netArtifacts(model), testMeta(spec, 1, net));
    model.dispose();
    await expect(
      trainTask({
        data: join(dir, 'noisy'),
        out: join(dir, 'refused-gray'),
        noise: spec,
        backend: 'wasm',
        init: { folder: gray },
        options: { steps: 1 },
      }),
    ).rejects.toThrow(/gray-model: made for 1 channel but the images have 3/);
  });

  it('builtin for a family without a bundled network: a clear error', () => {
    expect(() => initFolder('builtin', { family: 'binomial', trials: 10 })).toThrow(
      /no bundled network for binomial noise \(there are gaussian, poisson, gamma, correlated\)/,
    );
  });
});

describe('where a run starts by default (defaultInit)', () => {
  const gaussian = { family: 'gaussian', sigma: 0.1 } as const;
  it('the bundled network where one fits the noise, the network and the channels; else random weights, saying why', () => {
    const notes: string[] = [];
    const note = (m: string) => notes.push(m);
    expect(defaultInit(gaussian, trainDefaults.net, 3, note)).toBe('builtin');
    expect(defaultInit(gaussian, trainDefaults.net, 1, note)).toBe('builtin');
    expect(notes).toEqual([]);
    expect(defaultInit(gaussian, trainDefaults.net, 4, note)).toBeUndefined();
    expect(defaultInit({ family: 'binomial', trials: 10 }, trainDefaults.net, 3, note)).toBeUndefined();
    expect(defaultInit(gaussian, { kind: 'dncnn', width: 8, depth: 3 }, 3, note)).toBeUndefined();
    const speckle = { family: 'gamma', looks: 1, noiseGrowth: 2 } as const;
    expect(defaultInit(speckle, trainDefaults.net, 1, note)).toBeUndefined();
    expect(notes).toEqual([
      'training starts from random weights: the bundled networks are for RGB or gray images, not 4 channels',
      expect.stringMatching(/random weights: no bundled network for binomial noise/),
      expect.stringMatching(/random weights: the bundled networks are the U-Net 32-64-128, not the DnCNN/),
      'training starts from random weights: SAR speckle measured blind trains from random weights',
    ]);
  });

  it("a camera raw file's CFA planes do not start from the photos' network", () => {
    const profile = {
      radius: 0,
      channels: 4,
      kernel: Array<number>(16).fill(0),
      levels: [0.5],
      sigmas: [[0.01, 0.01, 0.01, 0.01]],
    };
    const raw: NoiseSpec = { family: 'correlated', noiseGrowth: 0.5, profile };
    const notes: string[] = [];
    expect(defaultInit(raw, trainDefaults.net, 4, (m) => notes.push(m))).toBeUndefined();
    expect(notes[0]).toMatch(/not the CFA planes of a camera raw file/);
  });
});
