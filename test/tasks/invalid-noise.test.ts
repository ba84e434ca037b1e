import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { trainTask } from '../../main/tasks/train/train-task';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-invalid-noise-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('refuses a noise model gr2r.json could not hold before training, and writes no model', async () => {
  await expect(
    trainTask({
      data: join(dir, 'data'),
      out: join(dir, 'model'),
      noise: { family: 'poissongaussian', a: -6.2e-5, b: 3.6e-5 },
      backend: 'wasm',
      options: { steps: 1 },
    }),
  ).rejects.toThrow(/the noise model is not valid: a Too small/);
  expect(await readdir(dir)).toEqual([]);
});
