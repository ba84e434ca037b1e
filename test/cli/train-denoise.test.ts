import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { defaultTrainOptions } from '../../main/engine/train/options';
import { imagePsnr } from '../../main/engine/metrics';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { readImage, writeImage } from '../../main/io';
import { cleanCrop } from '../helpers/images';
import { runCli } from './run-cli';
import { BATCH_RECORD } from '../../main/tasks/denoise/batch-outputs';

let dir: string;
const tiny = ['--net', 'dncnn', '--width', '8', '--depth', '3', '--patch', '32', '--batch', '2', '--backend', 'wasm'];
const hash = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r cli ü-'));
  await mkdir(join(dir, 'noisy'));
  const noise = noiseModel({ family: 'poisson', gain: 0.02 });
  for (const [i, name] of ['astronaut.png', 'coffee.png'].entries()) {
    const clean = await cleanCrop(name, 64, 100, 100);
    const file = join(dir, 'noisy', `${i}.tif`);
    const noisy = makeImage(64, 64, 3, noise.sample(clean.data, new Rng(i)));
    await writeImage(file, noisy, {
      file,
      format: 'tiff',
      bitDepth: 32,
      width: 64,
      height: 64,
      channels: 3,
      notes: [],
    });
  }
  await writeFile(join(dir, 'noisy', 'broken.tif'), 'not an image');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('gr2r train and denoise', () => {
  it('trains on a folder, skips the broken file by name, and saves a self-describing model', async () => {
    const r = await runCli([
      'train',
      '--data',
      join(dir, 'noisy'),
      '--noise',
      'poisson',
      '--gain',
      '0.02',
      '--steps',
      '6',
      ...tiny,
      '--out',
      join(dir, 'model'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped .*broken\.tif: /);
    expect(r.stdout).toMatch(/trained DnCNN 3 layers x 8 on poisson gain=0.02/);
    const meta = JSON.parse(await readFile(join(dir, 'model', 'gr2r.json'), 'utf8'));
    expect(meta).toMatchObject({
      noise: { family: 'poisson', gain: 0.02 },
      alpha: defaultTrainOptions.alpha,
      step: 6,
      channels: 3,
    });
  });

  it('refuses to overwrite a model unless resuming, and resumes to more steps', async () => {
    const again = await runCli([
      'train',
      '--data',
      join(dir, 'noisy'),
      '--noise',
      'poisson',
      '--gain',
      '0.02',
      '--steps',
      '6',
      ...tiny,
      '--out',
      join(dir, 'model'),
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; pass --resume/);
    const resumed = await runCli([
      'train',
      '--data',
      join(dir, 'noisy'),
      '--resume',
      '--steps',
      '8',
      '--backend',
      'wasm',
      '--out',
      join(dir, 'model'),
    ]);
    expect(resumed.code).toBe(0);
    // The model keeps the step with the best estimated PSNR; trainedSteps says how far training went when older.
    const meta = JSON.parse(await readFile(join(dir, 'model', 'gr2r.json'), 'utf8'));
    expect(meta.trainedSteps ?? meta.step).toBe(8);
  });

  it('denoises into float32 TIFF, never touches inputs, never overwrites, and names the bad file', async () => {
    const inputs = join(dir, 'noisy');
    const before = await hash(join(inputs, '0.tif'));
    const out = join(dir, 'out');
    const first = await runCli([
      'denoise',
      '--model',
      join(dir, 'model'),
      '--input',
      inputs,
      '--output',
      out,
      '--mc',
      '2',
    ]);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/failed .*broken\.tif: /);
    const { image, source } = await readImage(join(out, '0.tif'));
    expect(source.bitDepth).toBe(32);
    expect(image.channels).toBe(3);
    expect(Number.isFinite(imagePsnr(image, (await readImage(join(inputs, '0.tif'))).image))).toBe(true);
    // Done again on purpose (--redo): a new numbered name, never over the first.
    await runCli([
      'denoise',
      '--model',
      join(dir, 'model'),
      '--input',
      join(inputs, '0.tif'),
      '--output',
      out,
      '--redo',
    ]);
    expect((await readdir(out)).sort()).toEqual([BATCH_RECORD, '0-1.tif', '0.tif', '1.tif']);
    expect(await hash(join(inputs, '0.tif'))).toBe(before);
  });

  it('explains bad usage in one line', async () => {
    expect((await runCli(['train', '--data', dir])).stderr).toMatch(/^gr2r train: --out MODEL_DIR is required\n$/);
    expect((await runCli(['train', '--data', dir, '--noise', 'speckle', '--out', 'x'])).stderr).toMatch(
      /unknown noise family 'speckle'/,
    );
    expect((await runCli(['denoise', '--model', join(dir, 'nope'), '--input', dir, '--output', dir])).code).toBe(1);
    expect((await runCli(['train', '--help'])).stdout).toMatch(/Usage: gr2r train/);
  });
});
