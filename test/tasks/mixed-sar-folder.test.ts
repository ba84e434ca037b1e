import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gammaNoise } from '../../main/engine/noise/gamma';
import { Rng } from '../../main/engine/random/rng';
import { readImage } from '../../main/io';
import { denoiseTask } from '../../main/tasks/denoise/denoise-task';
import { resolveNoiseSpec } from '../../main/tasks/estimate/resolve-noise';
import { trainTask } from '../../main/tasks/train/train-task';
import { tempFolder } from '../io/helpers';
import { resampledSpeckle, scene, writeGeoTiff } from './helpers';

const W = 192;
const H = 160;

let dir: string;
beforeAll(async () => {
  dir = join(await tempFolder('gr2r-mixed-sar-'), 'scenes');
  await mkdir(dir);
  // A calibrated single-look chip, a thousand times darker than the GRD crop beside it.
  const slc = gammaNoise(1)
    .sample(scene(H, W).data, new Rng(7))
    .map((v) => v / 1000);
  await writeGeoTiff(join(dir, 'slc.tif'), slc, W, H);
  await writeGeoTiff(join(dir, 'grd.tif'), resampledSpeckle(8, H, W), W, H);
});

describe('a folder mixing single-look chips and GRD crops', () => {
  it('chooses sub-images for the correlated file only, and says which', async () => {
    const notes: string[] = [];
    const spec = await resolveNoiseSpec({ family: 'auto' }, dir, (m) => notes.push(m));
    expect(spec).toMatchObject({ family: 'gamma', perImage: true, subsample: 2, subsampleCorrelated: true });
    expect(notes.join('\n')).toMatch(/correlated between neighbours in some images \(lag-1 grd\.tif 0\.\d+,/);
    expect(notes.join('\n')).not.toMatch(/lag-1 slc\.tif/);
  });

  it('trains each file on its own grid or sub-images and at its own scale, and denoises each so', async () => {
    const notes: string[] = [];
    const model = join(dir, '..', 'model');
    // As the blind choice gives it: looks per image, loss weighted by level^-2.
    const spec = {
      family: 'gamma',
      looks: 2,
      perImage: true,
      subsample: 2,
      subsampleCorrelated: true,
      noiseGrowth: 2,
    } as const;
    const trained = await trainTask({
      data: dir,
      out: model,
      noise: spec,
      backend: 'wasm',
      options: {
        net: { kind: 'dncnn', width: 8, depth: 3 },
        steps: 4,
        batch: 2,
        patch: 32,
        checkpointEvery: 4,
        evalEvery: 1,
      },
      onNote: (m) => notes.push(m),
    });
    const said = notes.join('\n');
    expect(said).toMatch(/last step's weights are kept/);
    expect([trained.meta.step, trained.lastStep]).toEqual([4, 4]);
    expect(said).toMatch(/grd\.tif: its own looks [\d.]+, on its 2x2 sub-images/);
    expect(said).toMatch(/slc\.tif: its own looks (0\.9|1\.0)\d*\n/);
    expect(said).toMatch(/mean intensities differ by x\d+.*each image is scaled by its own mean/);
    expect(trained.meta.scaleByImage).toBe(true);
    // Each image divided by twice its mean: the network's own scale is about 1, not the folder's 1000-fold spread.
    expect(trained.meta.scale).toBeGreaterThan(0.5);
    expect(trained.meta.scale).toBeLessThan(2);
    const result = await denoiseTask({ model, input: dir, output: join(dir, '..', 'out'), mc: 1, backend: 'wasm' });
    expect(result.failures).toEqual([]);
    const notesOf = (name: string) => result.written.find((w) => w.input.endsWith(name))!.notes.join('; ');
    expect(notesOf('grd.tif')).toMatch(/on its sub-images/);
    expect(notesOf('slc.tif')).not.toMatch(/sub-images/);
    for (const name of ['slc.tif', 'grd.tif']) {
      const out = (await readImage(join(dir, '..', 'out', name))).image;
      expect([out.width, out.height]).toEqual([W, H]);
      expect(out.data.every((v) => Number.isFinite(v))).toBe(true);
    }
  });
});
