import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMetadataTool } from '../../main/io';
import { meanProfile, rawNoisePrior } from '../../main/io/dng/noise-prior';
import { openDng } from '../../main/io/dng/read-dng';
import { smoothScene } from '../helpers/smooth-scene';
import { writeSyntheticDng } from '../helpers/synthetic-dng';
import { runCli } from './run-cli';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r raw-iso-'));
  await mkdir(join(dir, 'raw'));
  const rgb = smoothScene(384, 512); // flat areas enough for each file's own (a, b); too small to measure correlation
  await writeSyntheticDng(join(dir, 'raw', 'low-1.dng'), rgb, {
    seed: 1,
    fullWell: 2000,
    readNoise: 3,
    iso: 100,
    noiseProfile: [5e-4, 4e-8],
  });
  await writeSyntheticDng(join(dir, 'raw', 'low-2.dng'), rgb, {
    seed: 2,
    fullWell: 2000,
    readNoise: 3,
    iso: 100,
    noiseProfile: [5e-4, 4e-8],
  });
  await writeSyntheticDng(join(dir, 'raw', 'high.dng'), rgb, { seed: 3, fullWell: 125, readNoise: 12, iso: 1600 });
});
afterAll(async () => {
  await closeMetadataTool();
  await rm(dir, { recursive: true, force: true });
});

describe('gr2r train on a raw folder without --noise', () => {
  it('takes Poisson-Gaussian with estimated a and b, and says which ISOs and noise profiles the files carry', async () => {
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
    const r = await runCli(['train', '--data', join(dir, 'raw'), '--steps', '2', ...net, '--out', join(dir, 'model')]);
    expect(r.code, r.stderr).toBe(0);
    const said = r.stderr + r.stdout;
    expect(said).toMatch(/camera raw files and no --noise: .*poissongaussian/);
    expect(said).toMatch(/ISO 100: 2 files, the camera's NoiseProfile a=0\.0005000 b=4\.000e-8/);
    expect(said).toMatch(/ISO 1600: 1 file\n/);
    expect(said).toMatch(
      /the folder mixes ISOs \(ISO 100: 2 files, ISO 1600: 1 file\), so each image is trained and denoised with its own a and b/,
    );
    // Each image's own (a, b): the ISO 1600 file (125 e- at white) has about 16x the shot noise of the ISO 100 ones.
    const own = (name: string) => Number(new RegExp(`${name}\\.dng: its own a=([\\d.e-]+) b=`).exec(said)?.[1]);
    expect(own('high') / own('low-1')).toBeGreaterThan(8);
    expect(own('high') / own('low-2')).toBeGreaterThan(8);
    expect(Math.abs(own('low-1') / own('low-2') - 1)).toBeLessThan(0.5);
    const meta = JSON.parse(await readFile(join(dir, 'model', 'gr2r.json'), 'utf8')) as {
      noise: { family: string; perImage?: boolean };
    };
    expect(meta.noise).toMatchObject({ family: 'poissongaussian', perImage: true });
  });

  it("denoises each file with its own (a, b) and writes that image's NoiseProfile into its DNG", async () => {
    const out = join(dir, 'out');
    const r = await runCli([
      'denoise',
      '--model',
      join(dir, 'model'),
      '--input',
      join(dir, 'raw'),
      '--output',
      out,
      '--mc',
      '1',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const profileOf = async (name: string) => {
      const dng = await openDng(join(out, `${name}.dng`));
      return meanProfile(rawNoisePrior(dng.data, dng.ifd0, dng.raw.dir))!;
    };
    // Measured on each output: the ISO 1600 file keeps far more shot noise after two training steps than the others.
    expect((await profileOf('high')).a).toBeGreaterThan(4 * (await profileOf('low-1')).a);
  });
});
