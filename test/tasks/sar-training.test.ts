import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gammaNoise } from '../../main/engine/noise/gamma';
import { Rng } from '../../main/engine/random/rng';
import { denoiseTask } from '../../main/tasks/denoise/denoise-task';
import { trainTask } from '../../main/tasks/train/train-task';
import { tempFolder } from '../io/helpers';
import { readTiff, scene, writeGeoTiff } from './helpers';

const W = 160;
const H = 120;
const NO_DATA = -9999;
const isBorder = (p: number) => p % W < 24;
const isHole = (p: number) => Math.floor(p / W) >= 40 && Math.floor(p / W) < 60 && p % W >= 80 && p % W < 100;

let dir: string;
let amplitude: Float32Array;
beforeAll(async () => {
  dir = await tempFolder('gr2r-sar-train-');
  await mkdir(join(dir, 'scenes'));
  const speckled = gammaNoise(4).sample(scene(H, W).data, new Rng(11));
  amplitude = Float32Array.from(speckled, (v, p) => (isHole(p) ? NO_DATA : isBorder(p) ? 0 : Math.sqrt(v)));
  await writeGeoTiff(join(dir, 'scenes', 'a.tif'), amplitude, W, H, { GDAL_NODATA: String(NO_DATA) });
});

describe('SAR training and denoising', () => {
  it('trains on amplitude scenes with no-data (masked out) and zero borders (kept: zeros recorrupt to zeros), and records the amplitude in the model', async () => {
    const notes: string[] = [];
    const result = await trainTask({
      data: join(dir, 'scenes'),
      out: join(dir, 'model'),
      noise: { family: 'gamma', looks: 4 },
      amplitude: true,
      backend: 'wasm',
      options: { net: { kind: 'dncnn', width: 8, depth: 3 }, steps: 3, batch: 2, patch: 32, checkpointEvery: 3 },
      onNote: (m) => notes.push(m),
    });
    expect(result.meta.step).toBe(3);
    expect(notes.join()).toMatch(/a\.tif: 2\.1% of the pixels hold no data and are left out of training/);
    expect(JSON.parse(await readFile(join(dir, 'model', 'gr2r.json'), 'utf8')).sar).toEqual({ amplitude: true });
  });

  it('denoises amplitude as the model was trained, leaving no-data and borders as they were', async () => {
    const result = await denoiseTask({
      model: join(dir, 'model'),
      input: join(dir, 'scenes'),
      output: join(dir, 'out'),
      mc: 1,
      backend: 'wasm',
      inference: 'tfjs',
      sar: { ratio: true },
    });
    expect(result.failures).toEqual([]);
    const [written] = result.written;
    expect(written!.notes.join()).toMatch(/amplitude squared to intensity/);
    // The ratio counts pixels with data whose denoised intensity is positive (an untrained network undershoots).
    const withData = W * H - Array.from(amplitude.keys()).filter((p) => isHole(p) || isBorder(p)).length;
    expect(written!.ratio?.count).toBeGreaterThan(0);
    expect(written!.ratio?.count).toBeLessThanOrEqual(withData);
    const out = (await readTiff(written!.output)).samples;
    expect(Array.from(amplitude.keys()).every((p) => !(isHole(p) || isBorder(p)) || out[p] === amplitude[p])).toBe(
      true,
    );
  });
});
