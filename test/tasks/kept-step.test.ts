import { describe, expect, it } from 'vitest';
import { keepsLastStep } from '../../main/tasks/train/kept-step';

describe('which step a model keeps', () => {
  it('SAR speckle measured blind keeps the last step, and says why', () => {
    const notes: string[] = [];
    expect(
      keepsLastStep(undefined, { family: 'gamma', looks: 1.2, perImage: true, noiseGrowth: 2 }, (m) => notes.push(m)),
    ).toBe(true);
    expect(notes.join('\n')).toMatch(/last step's weights are kept, not the best estimated PSNR's/);
  });

  it("other noise keeps the best estimated PSNR, and the user's choice wins either way", () => {
    const silent = () => expect.unreachable('no note');
    expect(keepsLastStep(undefined, { family: 'gamma', looks: 4 }, silent)).toBe(false);
    expect(keepsLastStep(undefined, { family: 'gaussian', sigma: 0.1 }, silent)).toBe(false);
    expect(keepsLastStep(true, { family: 'gaussian', sigma: 0.1 }, silent)).toBe(true);
    expect(keepsLastStep(false, { family: 'gamma', looks: 1.2, noiseGrowth: 2 }, silent)).toBe(false);
  });
});
