import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imagePsnr } from '../../main/engine/metrics';
import { closeMetadataTool, readImage } from '../../main/io';
import { cleanCrop } from '../helpers/images';
import { CAMERA, writeSyntheticDng, type SyntheticDng } from '../helpers/synthetic-dng';
import { sha256 } from '../io/helpers';
import { runCli } from './run-cli';
import { BATCH_RECORD } from '../../main/tasks/denoise/batch-outputs';

// Low light: 40 photo-electrons at white and 16 DN of read noise, var = a x + b in linear units (noisy PSNR 21-24 dB).
const fullWell = 40;
const readNoise = 16;
const a = 1 / fullWell;
const b = (readNoise / (CAMERA.white - CAMERA.black[0])) ** 2;

let dir: string;
const shots: SyntheticDng[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r raw-'));
  await mkdir(join(dir, 'raw'));
  for (const [i, name] of ['astronaut.png', 'coffee.png', 'chelsea.png'].entries()) {
    const rgb = await cleanCrop(name, 128, 60, 60);
    shots.push(await writeSyntheticDng(join(dir, 'raw', `IMG_${i}.dng`), rgb, { seed: i + 1, fullWell, readNoise }));
  }
});
afterAll(async () => {
  await closeMetadataTool();
  await rm(dir, { recursive: true, force: true });
});

describe('gr2r on camera raw (DNG)', () => {
  it('trains Poisson-Gaussian GR2R on a folder of DNGs and writes denoised DNGs closer to the clean mosaic', async () => {
    const before = await sha256(join(dir, 'raw', 'IMG_0.dng'));
    const net = [
      '--net',
      'unet',
      '--width',
      '16',
      '--depth',
      '2',
      '--patch',
      '32',
      '--batch',
      '4',
      '--backend',
      'wasm',
    ];
    const model = join(dir, 'model');
    const train = await runCli([
      'train',
      '--data',
      join(dir, 'raw'),
      '--noise',
      'poissongaussian',
      '--a',
      `${a}`,
      '--b',
      `${b}`,
      '--steps',
      '400',
      ...net,
      '--out',
      model,
    ]);
    expect(train.code, train.stderr).toBe(0);
    const out = join(dir, 'out');
    const run = await runCli(['denoise', '--model', model, '--input', join(dir, 'raw'), '--output', out]);
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual([BATCH_RECORD, 'IMG_0.dng', 'IMG_1.dng', 'IMG_2.dng']);
    for (const [i, shot] of shots.entries()) {
      const noisy = (await readImage(join(dir, 'raw', `IMG_${i}.dng`))).image;
      const denoised = (await readImage(join(out, `IMG_${i}.dng`))).image;
      expect(imagePsnr(denoised, shot.clean)).toBeGreaterThan(imagePsnr(noisy, shot.clean) + 1);
    }
    expect(await sha256(join(dir, 'raw', 'IMG_0.dng'))).toBe(before);
  });

  it('estimates a and b from the raw files when they are not given, and says so', async () => {
    const net = [
      '--net',
      'dncnn',
      '--width',
      '8',
      '--depth',
      '3',
      '--patch',
      '32',
      '--batch',
      '2',
      '--backend',
      'wasm',
    ];
    const r = await runCli([
      'train',
      '--data',
      join(dir, 'raw'),
      '--noise',
      'poissongaussian',
      '--steps',
      '2',
      ...net,
      '--out',
      join(dir, 'blind'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const said = /no --a\/--b given: training with the estimate poissongaussian a=([\d.e-]+) b=([\d.e-]+)/.exec(
      r.stderr + r.stdout,
    );
    expect(said).not.toBeNull();
    expect(Math.abs(Number(said![1]) / a - 1)).toBeLessThan(0.3);
  });
});
