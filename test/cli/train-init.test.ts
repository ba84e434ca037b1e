import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { writeImage } from '../../main/io';
import { loadModel } from '../../main/io';
import { modelMetaSchema } from '../../main/shared/model';
import { cleanCrop } from '../helpers/images';
import { initDefaults, rawTrainSteps, speckleDefaults, trainDefaults } from '../../main/shared/defaults';
import { runCli } from './run-cli';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-cli-init-'));
  await mkdir(join(dir, 'noisy'));
  // Gray: the bundled RGB network is folded to one channel.
  const clean = await cleanCrop('camera.png', 64, 200, 100, true);
  const noisy = makeImage(64, 64, 1, noiseModel({ family: 'poisson', gain: 0.02 }).sample(clean.data, new Rng(4)));
  const file = join(dir, 'noisy', 'camera.tif');
  await writeImage(file, noisy, { file, format: 'tiff', bitDepth: 32, width: 64, height: 64, channels: 1, notes: [] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('gr2r train --init', () => {
  it('--help documents it', async () => {
    const { stdout } = await runCli(['train', '--help']);
    expect(stdout).toMatch(/--init builtin\|none\|MODEL_DIR/);
    expect(stdout).toMatch(/Steps then default to 100/);
  });

  it('--help says --noise is optional and which steps each automatic choice trains', async () => {
    const { stdout } = await runCli(['train', '--help']);
    expect(stdout).toMatch(/^Usage: gr2r train --data DIR --out MODEL_DIR \[--noise FAMILY \[PARAMETER\]\]/);
    expect(stdout).toMatch(/without --noise it is chosen from the images/);
    expect(stdout).toMatch(/--noise correlated \|/);
    expect(stdout).toContain(`default ${trainDefaults.steps} from random weights; ${initDefaults.steps} fine-tuning`);
    expect(stdout).toContain(`${rawTrainSteps} for camera raw and ${speckleDefaults.blindSteps} for SAR speckle`);
  });

  it('builtin on gray images: fine-tunes the folded bundled network and records it in gr2r.json', async () => {
    const out = join(dir, 'model');
    const result = await runCli([
      'train',
      '--data',
      join(dir, 'noisy'),
      '--noise',
      'poisson',
      '--gain',
      '0.02',
      '--init',
      'builtin',
      '--steps',
      '2',
      '--batch',
      '2',
      '--patch',
      '32',
      '--backend',
      'wasm',
      '--out',
      out,
    ]);
    expect(result.stderr).toMatch(/folded to gray/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/started from the bundled poisson network \(\d+ steps of pretraining\)/);
    const { meta } = await loadModel(out, (json) => modelMetaSchema.parse(json));
    expect(meta.channels).toBe(1);
    expect(meta.init).toMatchObject({ source: 'builtin', name: 'poisson' });
  });

  it('by default starts from the bundled network where one fits, and --init none from random weights', async () => {
    const common = ['--noise', 'poisson', '--gain', '0.02', '--steps', '1', '--batch', '2', '--patch', '32'];
    const data = ['train', '--data', join(dir, 'noisy'), '--backend', 'wasm', ...common];
    const byDefault = await runCli([...data, '--out', join(dir, 'm-default')]);
    expect(byDefault.code).toBe(0);
    expect(byDefault.stdout).toMatch(/started from the bundled poisson network/);
    const none = await runCli([...data, '--init', 'none', '--out', join(dir, 'm-none')]);
    expect(none.code).toBe(0);
    expect(none.stdout).not.toMatch(/started from/);
    expect((await loadModel(join(dir, 'm-none'), (json) => modelMetaSchema.parse(json))).meta.init).toBeUndefined();
    // Another network than the bundled ones: random weights, and a note that says why.
    const small = await runCli([...data, '--width', '8', '--out', join(dir, 'm-small')]);
    expect(small.code).toBe(0);
    expect(small.stderr).toMatch(/training starts from random weights: the bundled networks are the/);
    expect(small.stdout).not.toMatch(/started from/);
  });

  it('a folder that is no model: a clear error naming it', async () => {
    const missing = join(dir, 'no-such-model');
    const result = await runCli([
      'train',
      '--data',
      join(dir, 'noisy'),
      '--noise',
      'poisson',
      '--gain',
      '0.02',
      '--init',
      missing,
      '--out',
      join(dir, 'm2'),
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`${missing}: no model folder here`);
  });
});
