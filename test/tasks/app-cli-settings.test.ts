import { describe, expect, it } from 'vitest';
import { parseTrainArgs, trainOptions } from '../../main/cli/train';
import { noiseModel } from '../../main/engine/noise';
import { trainDefaults } from '../../main/shared/defaults';
import { jobRequestSchema } from '../../main/shared/job-contract';
import type { TrainSettings } from '../../main/shared/library';
import type { NoiseSpec } from '../../main/shared/noise';
import type { TrainPresetName } from '../../main/shared/settings';
import { resolveOptions } from '../../main/tasks/train/train-task';
import { workerTaskSchema } from '../../main/shared/worker-messages';
import { presetSettings, requestSettings } from '../../renderer/src/presets';

/** The options a training from the app resolves to: the store's request, through main's and the worker's schemas. */
function appOptions(settings: TrainSettings, noise: NoiseSpec, notes: string[] = []) {
  const asked = { kind: 'train', datasetId: 'folder-1', noise, settings: requestSettings(settings) };
  const request = jobRequestSchema.parse(asked);
  if (request.kind !== 'train') throw new Error('not a training request');
  const sent = { kind: 'train', data: '/d', out: '/m', noise, settings: request.settings, resume: false };
  const task = workerTaskSchema.parse(sent);
  if (task.kind !== 'train') throw new Error('not a training task');
  const input = { data: task.data, out: task.out, noise, options: task.settings };
  return resolveOptions(input, undefined, (m) => notes.push(m));
}

function cliOptions(argv: string[], noise: NoiseSpec, notes: string[] = []) {
  const options = trainOptions(parseTrainArgs(['--data', '/d', '--out', '/m', ...argv]));
  return resolveOptions({ data: '/d', out: '/m', noise, options }, undefined, (m) => notes.push(m));
}

/** Each preset as `gr2r train` flags. */
const presetFlags: Record<TrainPresetName, string[]> = {
  fast: [
    '--net',
    'dncnn',
    '--width',
    '32',
    '--depth',
    '5',
    '--steps',
    '200',
    '--batch',
    '4',
    '--patch',
    '48',
    '--checkpoint-every',
    '50',
  ],
  balanced: [],
  quality: ['--steps', '2000', '--patch', '96', '--checkpoint-every', '200'],
};

const noises: NoiseSpec[] = [
  { family: 'gaussian', sigma: 0.1 },
  { family: 'poisson', gain: 0.02 },
  { family: 'binomial', trials: 10 },
  { family: 'binomial', trials: 7 },
];

describe('the app and gr2r train resolve the same training options', () => {
  for (const name of ['fast', 'balanced', 'quality'] as const) {
    for (const noise of noises) {
      it(`${name} preset, ${JSON.stringify(noise)}`, () => {
        const app: string[] = [];
        const cli: string[] = [];
        expect(appOptions(presetSettings(name), noise, app)).toEqual(cliOptions(presetFlags[name], noise, cli));
        expect(app).toEqual(cli);
      });
    }
  }

  it('Binomial with 10 trials trains at alpha 0.2 from both, which its recorruption accepts', () => {
    const noise: NoiseSpec = { family: 'binomial', trials: 10 };
    const app = appOptions(presetSettings('balanced'), noise);
    expect(app.alpha).toBe(0.2);
    expect(cliOptions([], noise).alpha).toBe(0.2);
    expect(noiseModel(noise).checkAlpha(app.alpha)).toBeNull();
    // The whole preset, as the app sent it before, kept the default, which the recorruption refuses (10 x 0.25).
    const wholeInput = { data: '/d', out: '/m', noise, options: presetSettings('balanced') };
    const whole = resolveOptions(wholeInput, undefined, () => {});
    expect(whole.alpha).toBe(trainDefaults.alpha);
    expect(noiseModel(noise).checkAlpha(whole.alpha)).toMatch(/trials x alpha must be a whole number/);
  });

  it('an alpha the user chose is kept by both', () => {
    const noise: NoiseSpec = { family: 'binomial', trials: 10 };
    expect(appOptions({ ...presetSettings('balanced'), alpha: 0.3 }, noise).alpha).toBe(0.3);
    expect(cliOptions(['--alpha', '0.3'], noise).alpha).toBe(0.3);
  });

  it("a network kind alone gets that kind's width and depth in both", () => {
    const noise: NoiseSpec = { family: 'gaussian', sigma: 0.1 };
    const settings = { ...presetSettings('balanced'), net: { kind: 'dncnn' as const, width: 64, depth: 7 } };
    expect(appOptions(settings, noise).net).toEqual(cliOptions(['--net', 'dncnn'], noise).net);
  });

  it('short runs get about 20 estimates of the PSNR, long runs one every 50 steps, and an interval asked is kept', () => {
    const noise: NoiseSpec = { family: 'gaussian', sigma: 0.1 };
    const fast = appOptions(presetSettings('fast'), noise);
    expect(fast.steps / fast.evalEvery).toBeGreaterThanOrEqual(15);
    expect(cliOptions(['--steps', '60'], noise).evalEvery).toBe(10);
    expect(cliOptions(['--steps', '400'], noise).evalEvery).toBe(20);
    expect(cliOptions(['--steps', '5000'], noise).evalEvery).toBe(50);
    expect(cliOptions(['--steps', '400', '--eval-every', '7'], noise).evalEvery).toBe(7);
  });
});
