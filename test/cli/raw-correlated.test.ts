import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMetadataTool } from '../../main/io';
import { smoothScene } from '../helpers/smooth-scene';
import { writeSyntheticDng } from '../helpers/synthetic-dng';
import { runCli } from './run-cli';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r raw-correlated-'));
  await mkdir(join(dir, 'coded'));
  await mkdir(join(dir, 'sensor'));
  const scene = smoothScene(); // 1024 x 768: CFA planes of 0.2 MP, large enough to measure the correlation
  await writeSyntheticDng(join(dir, 'coded', 'coded.dng'), scene, {
    seed: 1,
    fullWell: 20000,
    readNoise: 150,
    correlatedRead: true,
  });
  await writeSyntheticDng(join(dir, 'sensor', 'sensor.dng'), scene, { seed: 2, fullWell: 400, readNoise: 8 });
});
afterAll(async () => {
  await closeMetadataTool();
  await rm(dir, { recursive: true, force: true });
});

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
  '--steps',
  '2',
  '--backend',
  'wasm',
];

async function trainedFamily(folder: string): Promise<{ said: string; noise: { family: string } }> {
  const out = join(dir, `model-${folder}`);
  const r = await runCli(['train', '--data', join(dir, folder), ...net, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const meta = JSON.parse(await readFile(join(out, 'gr2r.json'), 'utf8')) as { noise: { family: string } };
  return { said: r.stderr + r.stdout, noise: meta.noise };
}

describe('gr2r train on raw files without --noise: the noise correlation per CFA plane decides', () => {
  it('trains correlated recorruption on raw noise correlated within the CFA planes (lossy in-camera coding), and says so', async () => {
    const { said, noise } = await trainedFamily('coded');
    const lags =
      /raw noise correlated between neighbouring photosites \(lag-1 correlation per CFA plane coded\.dng: ([\d., -]+);/.exec(
        said,
      );
    expect(lags, said).not.toBeNull();
    for (const v of lags![1]!.split(', ').map(Number)) expect(v).toBeGreaterThan(0.15);
    // Measured per image, the loss weighted by shot noise as the Poisson-Gaussian default is.
    expect(noise).toMatchObject({ family: 'correlated', perImage: true, noiseGrowth: 0.5 });
  });

  it('keeps Poisson-Gaussian for pixel-independent shot and read noise', async () => {
    const { said, noise } = await trainedFamily('sensor');
    const lags =
      /raw noise independent between neighbouring photosites \(lag-1 correlation per CFA plane sensor\.dng: ([\d., -]+);/.exec(
        said,
      );
    expect(lags, said).not.toBeNull();
    for (const v of lags![1]!.split(', ').map(Number)) expect(Math.abs(v)).toBeLessThan(0.06);
    expect(noise.family).toBe('poissongaussian');
  });
});
