import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageF32 } from '../../main/engine/image';
import { speckleValuesProblem } from '../../main/engine/sar/speckle-values';
import { estimateReportSchema } from '../../main/shared/estimate';
import { addNoise, loadClean } from '../engine/estimate/synth';
import { tinyNet } from '../security/fixtures';
import { runCli } from './run-cli';
import { BATCH_RECORD } from '../../main/tasks/denoise/batch-outputs';

let dir: string;
let linear: ImageF32;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-db-'));
  linear = addNoise(await loadClean('camera.png', 128), { family: 'gamma', looks: 4 }, 3);
  // Backscatter is far below 1 in linear units, so its decibels are mostly negative, as in real products.
  linear = { ...linear, data: linear.data.map((v) => 0.05 * v) };
  for (const folder of ['linear', 'mixed']) await mkdir(join(dir, folder));
  await floatTiff(join(dir, 'linear', 'scene.tif'), linear);
  await floatTiff(join(dir, 'mixed', 'scene.tif'), linear);
  await floatTiff(join(dir, 'mixed', 'scene-db.tif'), {
    ...linear,
    data: linear.data.map((v) => (v > 0 ? 10 * Math.log10(v) : -99)),
  });
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function floatTiff(path: string, image: ImageF32): Promise<void> {
  await writeFile(path, new Uint8Array(writeArrayBuffer(image.data, { width: image.width, height: image.height })));
}

describe('SAR files in decibels', () => {
  it('are told apart from intensities by their values', () => {
    expect(speckleValuesProblem(linear.data)).toBeNull();
    const db = linear.data.map((v) => 10 * Math.log10(v));
    expect(speckleValuesProblem(db)).toMatch(/values are negative \(-\d+.* to -?\d+.*\).*look like decibels/);
    // Far outside any backscatter's decibels: negative, but not called decibels.
    expect(speckleValuesProblem(db.map((v) => 1000 * v))).not.toMatch(/decibels/);
  });

  it('are named by estimate, which measures the other files', async () => {
    const r = await runCli(['estimate', join(dir, 'mixed'), '--noise', 'gamma', '--json']);
    const report = estimateReportSchema.parse(JSON.parse(r.stdout));
    expect(report.images.map((e) => e.name)).toEqual([join(dir, 'mixed', 'scene.tif')]);
    expect(r.stderr).toMatch(/scene-db\.tif: .*negative.*look like decibels/);
    expect(r.code).toBe(1);
  });

  it('fail by name in train and denoise instead of passing through unchanged; the other files go on', async () => {
    const model = join(dir, 'model');
    const trained = await runCli([
      'train',
      '--data',
      join(dir, 'mixed'),
      '--noise',
      'gamma',
      '--looks',
      '4',
      '--steps',
      '2',
      ...tinyNet,
      '--out',
      model,
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stderr).toMatch(/scene-db\.tif: .*negative.*look like decibels/);
    const out = join(dir, 'out');
    const r = await runCli(['denoise', '--model', model, '--input', join(dir, 'mixed'), '--output', out]);
    expect(r.stderr).toMatch(/scene-db\.tif: .*negative.*look like decibels/);
    expect((await readdir(out)).sort()).toEqual([BATCH_RECORD, 'scene.tif']);
  }, 120_000);
});
