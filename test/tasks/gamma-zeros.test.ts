import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { writeImage } from '../../main/io';
import { trainTask } from '../../main/tasks/train/train-task';

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('speckle training on photos with black areas', () => {
  it('trains: a zero intensity recorrupts to zeros, so black pixels stay in the data', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gr2r-gamma-'));
    await mkdir(join(dir, 'noisy'));
    const clean = new Float32Array(64 * 64).map((_, i) => (i % 64 < 16 || i % 7 === 0 ? 0 : 0.2 + (i % 64) / 100));
    const noisy = makeImage(64, 64, 1, noiseModel({ family: 'gamma', looks: 4 }).sample(clean, new Rng(2)));
    const file = join(dir, 'noisy', 'scene.tif');
    await writeImage(file, noisy, {
      file,
      format: 'tiff',
      bitDepth: 32,
      width: 64,
      height: 64,
      channels: 1,
      notes: [],
    });
    const notes: string[] = [];
    const result = await trainTask({
      data: join(dir, 'noisy'),
      out: join(dir, 'model'),
      noise: { family: 'gamma', looks: 4 },
      backend: 'wasm',
      options: { net: { kind: 'dncnn', width: 8, depth: 3 }, steps: 2, batch: 2, patch: 32 },
      onNote: (m) => notes.push(m),
    });
    expect(result.meta.step).toBe(2);
    expect(notes.join()).not.toMatch(/no data/);
  });
});
