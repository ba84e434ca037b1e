import { describe, expect, it } from 'vitest';
import { relativeErrors } from './measure';

// Relative error of the looks <= 10%. Grass: its fine texture is strong relative to speckle above L = 4.
const cases: [string, number[]][] = [
  ['camera.png', [1, 2, 4, 8, 16]],
  ['brick.png', [1, 16]],
  ['astronaut.png', [4]],
  ['gravel.png', [1, 4, 16]],
  ['grass.png', [1, 4]],
];

describe('gamma looks, blind', () => {
  for (const [file, levels] of cases) {
    it(`${file}: within 10% at L ${levels.join(', ')}`, async () => {
      const errors = await relativeErrors(file, 'gamma', levels);
      errors.forEach((e, k) =>
        expect(Math.abs(e), `${file} looks ${levels[k]}: ${(100 * e).toFixed(1)}%`).toBeLessThanOrEqual(0.1),
      );
    });
  }
});
