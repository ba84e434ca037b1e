import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageF32 } from '../../main/engine/image';
import { resolveNoise } from '../../main/cli/resolve-noise';
import { estimateReportSchema } from '../../main/shared/estimate';
import { addCorrelatedNoise, addNoise, clip, loadClean, slcSpeckle } from '../engine/estimate/synth';
import { makeImage } from '../../main/engine/image';
import { cameraJpeg, readClean } from '../helpers/camera-like';
import { runCli } from './run-cli';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-estimate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function floatTiff(path: string, image: ImageF32): Promise<string> {
  await writeFile(path, new Uint8Array(writeArrayBuffer(image.data, { width: image.width, height: image.height })));
  return path;
}

async function greyPng(path: string, image: ImageF32): Promise<string> {
  const bytes = Uint8Array.from(image.data, (v) => Math.round(255 * Math.min(1, Math.max(0, v))));
  await sharp(bytes, { raw: { width: image.width, height: image.height, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toFile(path);
  return path;
}

const json = (stdout: string) => estimateReportSchema.parse(JSON.parse(stdout));

describe('gr2r estimate', () => {
  it('pools a folder of float32 speckle TIFFs into one JSON document', async () => {
    const folder = join(dir, 'sar');
    await mkdir(folder);
    for (const [k, file] of ['camera.png', 'brick.png', 'gravel.png'].entries()) {
      await floatTiff(
        join(folder, `scene${k}.tif`),
        addNoise(await loadClean(file, 256), { family: 'gamma', looks: 4 }, k),
      );
    }
    const { code, stdout, stderr } = await runCli(['estimate', folder, '--noise', 'gamma', '--json']);
    expect([code, stderr]).toEqual([0, '']);
    const report = json(stdout);
    expect(report.images.map((e) => e.name)).toEqual([0, 1, 2].map((k) => join(folder, `scene${k}.tif`)));
    expect(report.pooled.family === 'gamma' && Math.abs(report.pooled.looks / 4 - 1)).toBeLessThan(0.1);
    expect(report.pooled.spread).toBeLessThan(0.1);
  });

  it('prints each estimate and the pooled one with its uncertainty', async () => {
    const file = await greyPng(
      join(dir, 'brick.png'),
      addNoise(await loadClean('brick.png', 256), { family: 'gaussian', sigma: 0.05 }, 1),
    );
    const { code, stdout } = await runCli(['estimate', file, '--noise', 'gaussian']);
    expect(code).toBe(0);
    const sigma = Number(/pooled\s+sigma (\S+) ± \d+\.\d%/.exec(stdout)?.[1]);
    expect(Math.abs(sigma / 0.05 - 1)).toBeLessThan(0.05);
    expect(stdout).toContain(`${file}  sigma`);
  });

  it('finds the Poisson gain of gain x counts exactly, and warns on correlated and on clipped noise', async () => {
    const clean = await loadClean('camera.png', 256);
    const poisson = await floatTiff(join(dir, 'counts.tif'), addNoise(clean, { family: 'poisson', gain: 0.02 }, 2));
    const counted = json((await runCli(['estimate', poisson, '--noise', 'poisson', '--json'])).stdout);
    expect(counted.pooled.family === 'poisson' && counted.pooled.gain).toBeCloseTo(0.02, 6);
    const blurred = await floatTiff(join(dir, 'blurred.tif'), addCorrelatedNoise(clean, 0.05, 3));
    const clipped = await greyPng(
      join(dir, 'clipped.png'),
      clip(addNoise(clean, { family: 'gaussian', sigma: 0.15 }, 4)),
    );
    const report = json((await runCli(['estimate', blurred, '--noise', 'gaussian', '--json'])).stdout);
    expect(report.warnings.some((w) => w.startsWith(`${blurred}: the noise is spatially correlated`))).toBe(true);
    const clippedReport = json((await runCli(['estimate', clipped, '--noise', 'gaussian', '--json'])).stdout);
    expect(clippedReport.warnings.some((w) => w.startsWith(`${clipped}: clipped`))).toBe(true);
  });

  it("says a white sigma misses most of a camera JPEG's noise, and gives its std", async () => {
    const file = join(dir, 'camera.jpg');
    await cameraJpeg(await readClean('chelsea.png', 256), file, 3, 0.0005, 0.00005);
    const report = json((await runCli(['estimate', file, '--noise', 'gaussian', '--json'])).stdout);
    const [image] = report.images;
    const std = image!.realNoise!.std;
    expect(image!.family === 'gaussian' && image.sigma).toBeLessThan(0.5 * Math.min(...std));
    const said = report.warnings.filter((w) => w.startsWith(`${file}:`));
    expect(said.join('\n')).toMatch(
      /is only the part of the noise that is independent between pixels; the noise as it is has std \d/,
    );
    expect(said.join('\n')).not.toMatch(/may be too high/);
  });

  it('without --noise measures what gr2r train would choose, and says so', async () => {
    const photo = join(dir, 'auto-photo');
    await mkdir(photo);
    await cameraJpeg(await readClean('coffee.png', 256), join(photo, 'a.jpg'), 4, 0.0005, 0.00005);
    const said = await runCli(['estimate', photo]);
    expect(said.code, said.stderr).toBe(0);
    expect(said.stderr).toMatch(/^automatic noise model: correlated noise/);
    expect(said.stdout).toMatch(/real noise: std .* \(the automatic model trains on this\)/);
    const sar = join(dir, 'auto-sar');
    await mkdir(sar);
    await floatTiff(join(sar, 'a.tif'), addNoise(await loadClean('camera.png', 128), { family: 'gamma', looks: 2 }, 6));
    const { code, stdout } = await runCli(['estimate', sar, '--json']);
    expect(code).toBe(0);
    const report = json(stdout);
    expect(report.automatic?.family).toBe('gamma');
    expect(report.automatic?.why).toMatch(/float data, taken as SAR intensity/);
    expect(report.pooled.family === 'gamma' && Math.abs(report.pooled.looks / 2 - 1)).toBeLessThan(0.15);
  });

  it('advises sub-images, not --noise correlated, for correlated speckle', async () => {
    const speckle = slcSpeckle(256, [0.5, 1, 0.5], 5);
    const file = await floatTiff(join(dir, 'oversampled.tif'), makeImage(256, 256, 1, Float32Array.from(speckle)));
    const report = json((await runCli(['estimate', file, '--noise', 'gamma', '--json'])).stdout);
    const warning = report.warnings.find((w) => w.startsWith(`${file}: the noise is spatially correlated`));
    expect(warning).toMatch(/2x2 sub-images with each file's own looks/);
    expect(warning).not.toMatch(/--noise correlated/);
  });

  it('gives gr2r train the pooled estimate when the parameter is missing, and says so', async () => {
    const folder = join(dir, 'train');
    await mkdir(folder);
    await greyPng(
      join(folder, 'a.png'),
      addNoise(await loadClean('camera.png', 256), { family: 'gaussian', sigma: 0.08 }, 5),
    );
    const notes: string[] = [];
    const spec = await resolveNoise({ family: 'gaussian' }, folder, (m) => notes.push(m));
    expect(spec?.family === 'gaussian' && Math.abs(spec.sigma / 0.08 - 1)).toBeLessThan(0.05);
    expect(notes[0]).toMatch(
      /^no --sigma given: training with the estimate gaussian sigma=0\.0\d+ ± \d+\.\d%, pooled over 1 image/,
    );
    expect(
      await resolveNoise({ family: 'gaussian', spec: { family: 'gaussian', sigma: 0.1 } }, folder, () => {}),
    ).toEqual({ family: 'gaussian', sigma: 0.1 });
    await expect(resolveNoise({ family: 'binomial' }, folder, () => {})).rejects.toThrow(/--trials/);
  });

  it('fails with one line naming the file on bad input, and exits 2 on bad usage', async () => {
    const folder = join(dir, 'bad');
    await mkdir(folder);
    await writeFile(join(folder, 'broken.png'), 'not a png');
    const broken = await runCli(['estimate', folder, '--noise', 'gaussian', '--json']);
    expect([broken.code, broken.stdout]).toEqual([1, '']);
    expect(broken.stderr.trim().split('\n')).toEqual([expect.stringContaining(join(folder, 'broken.png'))]);
    const small = await floatTiff(join(dir, 'small.tif'), {
      data: new Float32Array(400),
      height: 20,
      width: 20,
      channels: 1,
    });
    const tiny = await runCli(['estimate', small, '--noise', 'gaussian']);
    expect([tiny.code, tiny.stderr]).toEqual([
      1,
      `gr2r estimate: ${small}: image is 20x20; estimation needs at least 64x64 pixels\n`,
    ]);
    expect((await runCli(['estimate', join(dir, 'missing.tif'), '--noise', 'gamma'])).stderr).toContain(
      'missing.tif: no such file',
    );
    expect((await runCli(['estimate', small, '--noise', 'binomial'])).code).toBe(2);
    expect((await runCli(['estimate', small, '--noise', 'gaussian', '--amplitude'])).code).toBe(2);
    expect((await runCli(['estimate', '--noise', 'gaussian'])).code).toBe(2);
  });
});
