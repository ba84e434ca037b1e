import { describe, expect, it } from 'vitest';
import { defaultTrainOptions } from '../../main/engine/train/options';
import { rawTrainSteps } from '../../main/shared/defaults';
import type { LoadedImage } from '../../main/tasks/dataset';
import { rawStepsOptions } from '../../main/tasks/train/raw-steps';

const options = { ...defaultTrainOptions, noise: { family: 'poissongaussian', a: 0.01, b: 1e-5 } } as const;
const image = (format: 'dng' | 'png') => ({ source: { format } }) as unknown as LoadedImage;

describe('training steps for camera raw files (issue 19)', () => {
  it('trains raw files from random weights for rawTrainSteps, and says so', () => {
    const notes: string[] = [];
    const raw = rawStepsOptions(options, {}, [image('png'), image('dng')], true, (m) => notes.push(m));
    expect(rawTrainSteps).toBeGreaterThan(defaultTrainOptions.steps);
    expect(raw.steps).toBe(rawTrainSteps);
    expect(raw.evalEvery).toBeGreaterThanOrEqual(options.evalEvery);
    expect(notes.join('\n')).toMatch(/camera raw: \d+ steps/);
  });

  it('keeps the steps the user chose, a resumed or fine-tuned run, and other images as they were', () => {
    const none = () => expect.unreachable('no note');
    expect(rawStepsOptions(options, { steps: 50 }, [image('dng')], true, none)).toBe(options);
    expect(rawStepsOptions(options, {}, [image('dng')], false, none)).toBe(options);
    expect(rawStepsOptions(options, {}, [image('png')], true, none)).toBe(options);
  });
});
