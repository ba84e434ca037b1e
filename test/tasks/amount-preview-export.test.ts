import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { makeImage } from '../../main/engine/image';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { writeImage } from '../../main/io';
import { denoiseTask } from '../../main/tasks/denoise/denoise-task';
import { runPreview } from '../../main/worker/tasks/preview';
import { saveTestModel, scene, testMeta } from './helpers';

let dir: string;
const context = { signal: new AbortController().signal, backend: 'wasm' as const, progress: () => {}, note: () => {} };

async function pixels(file: string): Promise<Buffer> {
  return sharp(file).removeAlpha().raw().toBuffer();
}

beforeAll(async () => {
  await initBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'gr2r amount-'));
  await mkdir(join(dir, 'previews'));
  const noisy = makeImage(
    40,
    56,
    3,
    noiseModel({ family: 'gaussian', sigma: 0.1 }).sample(scene(40, 56, 3).data, new Rng(3)),
  );
  await writeImage(join(dir, 'photo.png'), noisy, {
    file: 'photo.png',
    format: 'png',
    bitDepth: 8,
    width: 56,
    height: 40,
    channels: 3,
    notes: [],
  });
  await saveTestModel(join(dir, 'model'), testMeta({ family: 'gaussian', sigma: 0.1 }, 3));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('Amount', () => {
  it('the preview of the whole image and the exported file have the same pixels at 50%', async () => {
    const whole = { x: 0, y: 0, width: 56, height: 40 };
    const shown = await runPreview(
      {
        kind: 'preview',
        model: join(dir, 'model'),
        file: join(dir, 'photo.png'),
        crop: whole,
        mc: 2,
        out: join(dir, 'previews'),
        tile: 256,
        amount: 50,
      },
      context,
    );
    const done = await denoiseTask({
      model: join(dir, 'model'),
      input: join(dir, 'photo.png'),
      output: join(dir, 'out'),
      mc: 2,
      tile: 256,
      amount: 50,
      backend: 'wasm',
    });
    expect(done.failures).toEqual([]);
    const exported = await pixels(done.written[0]!.output);
    expect(await pixels(shown.after)).toEqual(exported);
    // And the amount did something: the 100% export differs from it.
    const full = await denoiseTask({
      model: join(dir, 'model'),
      input: join(dir, 'photo.png'),
      output: join(dir, 'full'),
      mc: 2,
      tile: 256,
      backend: 'wasm',
    });
    expect(await pixels(full.written[0]!.output)).not.toEqual(exported);
  });

  it('a new amount on the same crop re-blends the kept result: 0% shows the original', async () => {
    const crop = { x: 8, y: 4, width: 32, height: 24 };
    const task = {
      kind: 'preview' as const,
      model: join(dir, 'model'),
      file: join(dir, 'photo.png'),
      crop,
      mc: 2,
      out: join(dir, 'previews'),
      tile: 256,
    };
    await runPreview({ ...task, amount: 100 }, context);
    const none = await runPreview({ ...task, amount: 0 }, context);
    const original = await sharp(join(dir, 'photo.png'))
      .extract({ left: 8, top: 4, width: 32, height: 24 })
      .raw()
      .toBuffer();
    expect(await pixels(none.after)).toEqual(original);
  });
});
