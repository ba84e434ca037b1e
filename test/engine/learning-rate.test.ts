import { describe, expect, it } from 'vitest';
import { learningRateAt } from '../../main/engine/train/options';
import { trainDefaults } from '../../main/shared/defaults';

describe("Adam's rate over a run", () => {
  const run = { learningRate: 2e-3, steps: 400 };

  it('rises linearly over the first tenth of the steps, so the first steps do not kill the last layer', () => {
    const rise = trainDefaults.warmupShare * run.steps;
    expect(learningRateAt(run, 0)).toBeCloseTo(2e-3 / rise, 12);
    expect(learningRateAt(run, rise / 2 - 1)).toBeCloseTo(1e-3, 12);
    expect(learningRateAt(run, rise - 1)).toBeCloseTo(2e-3, 12);
    for (let step = 1; step < rise; step++)
      expect(learningRateAt(run, step)).toBeGreaterThan(learningRateAt(run, step - 1));
  });

  it('is then constant, and a tenth for the last 20%', () => {
    expect(learningRateAt(run, 200)).toBe(2e-3);
    expect(learningRateAt(run, 319)).toBe(2e-3);
    expect(learningRateAt(run, 320)).toBeCloseTo(2e-4, 12);
    expect(learningRateAt(run, 399)).toBeCloseTo(2e-4, 12);
  });

  it('scales the rise with the run (fine-tuning 100 steps: 10), never under one step', () => {
    expect(learningRateAt({ learningRate: 5e-4, steps: 100 }, 9)).toBeCloseTo(5e-4, 12);
    expect(learningRateAt({ learningRate: 5e-4, steps: 100 }, 4)).toBeCloseTo(2.5e-4, 12);
    expect(learningRateAt({ learningRate: 1e-3, steps: 3 }, 0)).toBe(1e-3);
  });
});
