import { describe, expect, it } from 'vitest';
import { defaultTrainOptions } from '../../main/engine/train/options';
import { rawTrainSteps, speckleDefaults } from '../../main/shared/defaults';
import type { NoiseSpec } from '../../main/shared/noise';
import type { LoadedImage } from '../../main/tasks/dataset';
import { dataStepsOptions } from '../../main/tasks/train/default-steps';

const withNoise = (noise: NoiseSpec) => ({ ...defaultTrainOptions, noise });
const options = withNoise({ family: 'poissongaussian', a: 0.01, b: 1e-5 });
const image = (format: 'dng' | 'png' | 'tiff') => ({ source: { format } }) as unknown as LoadedImage;

describe('default training steps by kind of data (issues 18 and 19)', () => {
  it('trains raw files from random weights for rawTrainSteps, and says so', () => {
    const notes: string[] = [];
    const raw = dataStepsOptions(options, {}, [image('png'), image('dng')], true, (m) => notes.push(m));
    expect(rawTrainSteps).toBeGreaterThan(defaultTrainOptions.steps);
    expect(raw.steps).toBe(rawTrainSteps);
    expect(raw.evalEvery).toBeGreaterThanOrEqual(options.evalEvery);
    expect(notes.join('\n')).toMatch(/camera raw: \d+ steps/);
  });

  it('trains speckle measured blind for speckleDefaults.blindSteps; given looks keep the default', () => {
    const notes: string[] = [];
    const blind = withNoise({ family: 'gamma', looks: 1.2, perImage: true, noiseGrowth: speckleDefaults.lossGrowth });
    const sar = dataStepsOptions(blind, {}, [image('tiff')], true, (m) => notes.push(m));
    expect(speckleDefaults.blindSteps).toBeGreaterThan(defaultTrainOptions.steps);
    expect(sar.steps).toBe(speckleDefaults.blindSteps);
    expect(notes.join('\n')).toMatch(/SAR speckle measured blind: \d+ steps[\s\S]*--steps to change/);
    const given = withNoise({ family: 'gamma', looks: 4 });
    expect(dataStepsOptions(given, {}, [image('tiff')], true, () => expect.unreachable('no note'))).toBe(given);
  });

  it('keeps the steps the user chose, a resumed or fine-tuned run, and other images as they were', () => {
    const none = () => expect.unreachable('no note');
    expect(dataStepsOptions(options, { steps: 50 }, [image('dng')], true, none)).toBe(options);
    expect(dataStepsOptions(options, {}, [image('dng')], false, none)).toBe(options);
    expect(dataStepsOptions(options, {}, [image('png')], true, none)).toBe(options);
  });
});
