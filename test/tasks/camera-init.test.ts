import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imagePsnr } from '../../main/engine/metrics';
import { readImage } from '../../main/io';
import { denoiseTask } from '../../main/tasks/denoise/denoise-task';
import { resolveNoiseSpec } from '../../main/tasks/estimate/resolve-noise';
import { trainTask } from '../../main/tasks/train/train-task';
import { cameraJpeg, readClean } from '../helpers/camera-like';

const work = await mkdtemp(join(tmpdir(), 'gr2r-camera-init-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the bundled camera-noise network (correlated)', () => {
  it('is where a photo folder starts by default, and denoises a camera-like JPEG of a scene it never saw', async () => {
    // The cameraman is not among the pretraining images (scripts/pretrain.ts); gray, read as RGB.
    const clean = await readClean('camera.png', 256, join(import.meta.dirname, '../fixtures/images'));
    const noisy = join(work, 'noisy');
    await mkdir(noisy);
    await cameraJpeg(clean, join(noisy, 'camera.jpg'), 4, 0.05, 0.005);
    const spec = await resolveNoiseSpec({ family: 'auto' }, noisy, () => {});
    expect(spec.family).toBe('correlated');

    /** PSNR after 100 steps (the fine-tuning default), from the bundled network or from random weights. */
    const psnrFrom = async (init: 'default' | undefined, name: string) => {
      const model = join(work, name);
      const trained = await trainTask({
        data: noisy,
        out: model,
        noise: spec,
        backend: 'wasm',
        ...(init && { init }),
        options: { steps: 100 },
      });
      expect(trained.meta.init?.name).toBe(init ? 'correlated' : undefined);
      const done = await denoiseTask({ model, input: noisy, output: join(work, `${name}-out`), mc: 2 });
      return imagePsnr((await readImage(done.written[0]!.output)).image, clean);
    };
    const before = imagePsnr((await readImage(join(noisy, 'camera.jpg'))).image, clean);
    const builtin = await psnrFrom('default', 'builtin');
    const scratch = await psnrFrom(undefined, 'scratch');
    // A phone-like level (about 20 dB), where a prior matters most: docs/quality.md, "Starting from a network
    // pretrained on camera noise".
    expect(builtin).toBeGreaterThan(before + 2);
    expect(builtin).toBeGreaterThan(scratch + 0.5);
  }, 300_000);
});
