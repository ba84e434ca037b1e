import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { closeMetadataTool, readImage } from '../../main/io';
import { denoiseTask } from '../../main/tasks/denoise/denoise-task';
import { resolveNoiseSpec } from '../../main/tasks/estimate/resolve-noise';
import { trainTask } from '../../main/tasks/train/train-task';
import { readClean } from '../helpers/camera-like';
import { writeSyntheticDng } from '../helpers/synthetic-dng';

const work = await mkdtemp(join(tmpdir(), 'gr2r raw-planes-'));
afterAll(async () => {
  await closeMetadataTool();
  await rm(work, { recursive: true, force: true });
});

/** Root mean square error of each CFA plane against the clean mosaic. */
function planeErrors(image: ImageF32, clean: ImageF32): number[] {
  return [0, 1, 2, 3].map((k) => {
    let sum = 0;
    for (let i = k; i < clean.data.length; i += 4) sum += (image.data[i]! - clean.data[i]!) ** 2;
    return Math.sqrt(sum / (clean.data.length / 4));
  });
}

describe('raw planes of different levels, the default blind pipeline (issue 19: the GoPro red and blue planes)', () => {
  it('lowers the error of every CFA plane, the dark blue one included (it was left as it was)', async () => {
    const noisy = join(work, 'raw');
    await mkdir(noisy);
    // Red and blue far under green, as a daylight raw's (AsShotNeutral): plane levels 0.11, 0.17, 0.17, 0.02.
    const rgb = await readClean('coffee.png', 384);
    const gains = [0.55, 1, 0.5];
    const scene = makeImage(
      rgb.height,
      rgb.width,
      3,
      rgb.data.map((v, i) => v * gains[i % 3]!),
    );
    const { clean } = await writeSyntheticDng(join(noisy, 'shot.dng'), scene, { seed: 3, fullWell: 400, readNoise: 8 });
    const spec = await resolveNoiseSpec({ family: 'auto' }, noisy, () => {});
    expect(spec.family).toBe('poissongaussian');
    const model = join(work, 'model');
    const net = { kind: 'unet', width: 16, depth: 2 } as const;
    await trainTask({ data: noisy, out: model, noise: spec, options: { steps: 300, net, patch: 64 } });
    const out = join(work, 'out');
    const done = await denoiseTask({ model, input: noisy, output: out, mc: 2 });
    expect(done.failures).toEqual([]);
    const before = planeErrors((await readImage(join(noisy, 'shot.dng'))).image, clean);
    const after = planeErrors((await readImage(join(out, 'shot.dng'))).image, clean);
    const lowered = before.map((e, k) => e / after[k]!);
    // Measured 2.50x, 1.84x, 1.84x, 1.98x (docs/files.md); with the unweighted loss blue stayed at 1.00x (600 steps).
    for (const ratio of lowered) expect(ratio).toBeGreaterThan(1.4);
  }, 600_000);
});
