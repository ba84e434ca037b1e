import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageNoiseSpec } from '../../main/engine/image-noise';
import { gammaNoise } from '../../main/engine/noise/gamma';
import { Rng } from '../../main/engine/random/rng';
import { readImage } from '../../main/io';
import { fileNoiseSpec } from '../../main/tasks/denoise/file-looks';
import { resolveNoiseSpec } from '../../main/tasks/estimate/resolve-noise';
import { trainTask } from '../../main/tasks/train/train-task';
import { tempFolder } from '../io/helpers';
import { scene, writeGeoTiff } from './helpers';

const W = 192;
const H = 160;
const truth = { 'single.tif': 1, 'multi.tif': 6 } as const;

let dir: string;
beforeAll(async () => {
  dir = join(await tempFolder('gr2r-looks-'), 'scenes');
  await mkdir(dir);
  for (const [k, [name, looks]] of Object.entries(truth).entries()) {
    await writeGeoTiff(join(dir, name), gammaNoise(looks).sample(scene(H, W).data, new Rng(30 + k)), W, H);
  }
});

describe('speckle looks per image', () => {
  it('the blind choice says the looks differ and asks for each image its own', async () => {
    const notes: string[] = [];
    const spec = await resolveNoiseSpec({ family: 'auto' }, dir, (m) => notes.push(m));
    expect(spec).toMatchObject({ family: 'gamma', perImage: true });
    expect(notes.join('\n')).toMatch(
      /looks differ by more than 30% \(multi\.tif [56]\.\d+, single\.tif (0\.9|1\.0)\d*\).*its own estimate, not one pooled L/,
    );
  });

  it('each file gets its own looks, read whole or from the central crop the band path reads', async () => {
    const spec = { family: 'gamma', looks: 2.5, perImage: true } as const;
    for (const [name, looks] of Object.entries(truth)) {
      const whole = imageNoiseSpec(spec, (await readImage(join(dir, name))).image);
      const banded = await fileNoiseSpec(join(dir, name), spec, false);
      for (const own of [whole, banded.spec]) {
        expect(own.family === 'gamma' && own.looks / looks).toBeGreaterThan(0.8);
        expect(own.family === 'gamma' && own.looks / looks).toBeLessThan(1.25);
      }
      expect(banded.note).toMatch(new RegExp(`${name}: its own looks`));
    }
    expect(imageNoiseSpec({ family: 'gamma', looks: 2.5 }, (await readImage(join(dir, 'single.tif'))).image)).toEqual({
      family: 'gamma',
      looks: 2.5,
    });
  });

  it('training recorrupts each image with its own looks and says so', async () => {
    const notes: string[] = [];
    const result = await trainTask({
      data: dir,
      out: join(dir, '..', 'model'),
      noise: { family: 'gamma', looks: 2.5, perImage: true },
      backend: 'wasm',
      options: { net: { kind: 'dncnn', width: 8, depth: 3 }, steps: 2, batch: 2, patch: 32, checkpointEvery: 2 },
      onNote: (m) => notes.push(m),
    });
    expect(result.meta.noise).toEqual({ family: 'gamma', looks: 2.5, perImage: true });
    expect(notes.join('\n')).toMatch(/single\.tif: its own looks (0\.9|1\.0)\d*\n/);
    expect(notes.join('\n')).toMatch(/multi\.tif: its own looks [56]\.\d+/);
  });
});
