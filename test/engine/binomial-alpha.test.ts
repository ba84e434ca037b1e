import { describe, expect, it } from 'vitest';
import { binomialNoise, nearestAlpha } from '../../main/engine/noise/binomial';

describe('binomial split: trials x alpha must be whole', () => {
  it('picks the nearest whole number of trials, the smaller one when halfway', () => {
    expect(nearestAlpha(10, 0.25)).toBeCloseTo(0.2, 12);
    expect(nearestAlpha(50, 0.25)).toBeCloseTo(0.24, 12);
    expect(nearestAlpha(10, 0.26)).toBeCloseTo(0.3, 12);
    expect(nearestAlpha(20, 0.25)).toBeCloseTo(0.25, 12);
    expect(nearestAlpha(10, 0.3)).toBeCloseTo(0.3, 12);
  });

  it('keeps at least one trial on each side', () => {
    expect(nearestAlpha(3, 0.05)).toBeCloseTo(1 / 3, 12);
    expect(nearestAlpha(4, 0.99)).toBeCloseTo(0.75, 12);
  });

  it('rejects a split that is not whole, naming the nearest that is', () => {
    expect(binomialNoise(10).checkAlpha(0.25)).toBe(
      'trials x alpha must be a whole number of trials (10 x 0.25 = 2.5); try alpha = 0.2',
    );
    expect(binomialNoise(10).checkAlpha(nearestAlpha(10, 0.25))).toBeNull();
    expect(binomialNoise(50).checkAlpha(nearestAlpha(50, 0.25))).toBeNull();
  });
});
