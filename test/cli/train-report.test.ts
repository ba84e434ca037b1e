import { describe, expect, it } from 'vitest';
import { gainText, worseWarning } from '../../main/cli/train-report';

describe('what gr2r train says about the model it kept', () => {
  it('warns when the model is estimated worse than the noisy input, and only then', () => {
    const worse = { estPsnr: 18.7, inputPsnr: 20.0 };
    expect(gainText(worse)).toBe(' (-1.3 dB over the noisy input, 20.00 dB)');
    expect(worseWarning(worse)).toMatch(
      /^warning: the model is estimated 1\.3 dB under the noisy input: it would make/,
    );
    expect(worseWarning({ estPsnr: 21, inputPsnr: 20 })).toBeUndefined();
    expect(worseWarning({ estPsnr: null, inputPsnr: 20 })).toBeUndefined();
    expect(worseWarning({ estPsnr: 21 })).toBeUndefined();
  });
});
