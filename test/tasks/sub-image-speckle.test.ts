import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../../main/io';
import { denoiseTask } from '../../main/tasks/denoise/denoise-task';
import { resolveNoiseSpec } from '../../main/tasks/estimate/resolve-noise';
import { trainTask } from '../../main/tasks/train/train-task';
import { tempFolder } from '../io/helpers';
import { slcSpeckle } from '../engine/estimate/synth';
import { resampledSpeckle, scene, writeGeoTiff } from './helpers';

const W = 256;
const H = 224;

let dir: string;
beforeAll(async () => {
  dir = join(await tempFolder('gr2r-grd-'), 'scenes');
  await mkdir(dir);
  await writeGeoTiff(join(dir, 'grd.tif'), resampledSpeckle(41, H, W), W, H);
});

describe('speckle correlated between neighbours (resampled GRD)', () => {
  it('the blind choice trains on 2x2 sub-images, with looks measured on them, and says why', async () => {
    const notes: string[] = [];
    const spec = await resolveNoiseSpec({ family: 'gamma' }, dir, (m) => notes.push(m));
    expect(spec).toMatchObject({ family: 'gamma', subsample: 2, perImage: true });
    expect(notes.join('\n')).toMatch(
      /speckle correlated between neighbours \(lag-1 0\.\d+.*2x2 pixel-shuffled sub-images/,
    );
  });

  it('trains on the sub-images and denoises back onto the full grid, georeferencing kept', async () => {
    const model = join(dir, '..', 'model');
    const notes: string[] = [];
    await trainTask({
      data: dir,
      out: model,
      noise: { family: 'gamma', looks: 2, perImage: true, subsample: 2 },
      backend: 'wasm',
      options: { net: { kind: 'dncnn', width: 8, depth: 3 }, steps: 2, batch: 2, patch: 32, checkpointEvery: 2 },
      onNote: (m) => notes.push(m),
    });
    // Resampling averages 4 speckle values (about 8 looks at one pixel); the sub-images keep less of its correlation.
    expect(notes.join('\n')).toMatch(/grd\.tif: its own looks \d/);
    const result = await denoiseTask({
      model,
      input: dir,
      output: join(dir, '..', 'out'),
      mc: 1,
      backend: 'wasm',
      inference: 'tfjs',
    });
    expect(result.failures).toEqual([]);
    const out = await readImage(result.written[0]!.output);
    expect([out.image.width, out.image.height]).toEqual([W, H]);
    expect(out.image.data.every((v) => Number.isFinite(v))).toBe(true);
    expect(out.source.geoTags?.length).toBeGreaterThan(0);
  });
});

describe('single-look speckle from an oversampled SLC, given as intensity', () => {
  // Lag-1 about 0.26 in intensity, 0.18 on log intensity: on its full grid the network kept the speckle (relative
  // error 0.21 against 0.08 on the sub-images, seeded scene, 1000 steps: docs/quality.md, Real SAR).
  it('trains on 2x2 sub-images too', async () => {
    const size = 256;
    const folder = join(await tempFolder('gr2r-slc-'), 'scenes');
    await mkdir(folder);
    const speckle = slcSpeckle(size, [0.3, 1, 0.3], 13);
    const clean = scene(size, size).data;
    await writeGeoTiff(
      join(folder, 'slc.tif'),
      Float32Array.from(speckle, (v, k) => v * clean[k]!),
      size,
      size,
    );
    const notes: string[] = [];
    const spec = await resolveNoiseSpec({ family: 'auto' }, folder, (m) => notes.push(m));
    expect(spec).toMatchObject({ family: 'gamma', subsample: 2, perImage: true });
    expect(notes.join('\n')).toMatch(/speckle correlated between neighbours \(lag-1 0\.\d+, over 0\.15/);
  });
});
