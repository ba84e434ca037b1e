import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMetadataTool } from '../../main/io';
import { cleanCrop } from '../helpers/images';
import { writeSyntheticDng } from '../helpers/synthetic-dng';
import { runCli } from './run-cli';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r raw-iso-'));
  await mkdir(join(dir, 'raw'));
  const rgb = await cleanCrop('coffee.png', 128, 60, 60);
  await writeSyntheticDng(join(dir, 'raw', 'low-1.dng'), rgb, { seed: 1, fullWell: 2000, readNoise: 3, iso: 100, noiseProfile: [5e-4, 4e-8] });
  await writeSyntheticDng(join(dir, 'raw', 'low-2.dng'), rgb, { seed: 2, fullWell: 2000, readNoise: 3, iso: 100, noiseProfile: [5e-4, 4e-8] });
  await writeSyntheticDng(join(dir, 'raw', 'high.dng'), rgb, { seed: 3, fullWell: 125, readNoise: 12, iso: 1600 });
});
afterAll(async () => {
  await closeMetadataTool();
  await rm(dir, { recursive: true, force: true });
});

describe('gr2r train on a raw folder without --noise', () => {
  it('takes Poisson-Gaussian with estimated a and b, and says which ISOs and noise profiles the files carry', async () => {
    const net = ['--net', 'dncnn', '--width', '8', '--depth', '3', '--patch', '32', '--batch', '2', '--backend', 'wasm'];
    const r = await runCli(['train', '--data', join(dir, 'raw'), '--steps', '2', ...net, '--out', join(dir, 'model')]);
    expect(r.code, r.stderr).toBe(0);
    const said = r.stderr + r.stdout;
    expect(said).toMatch(/camera raw files and no --noise: .*poissongaussian/);
    expect(said).toMatch(/no --a\/--b given: training with the estimate poissongaussian a=/);
    expect(said).toMatch(/ISO 100: 2 file\(s\), the camera's NoiseProfile a=0\.0005000 b=4\.000e-8/);
    expect(said).toMatch(/ISO 1600: 1 file\(s\)\n/);
    expect(said).toMatch(/mixes ISOs/);
  });
});
