import { describe, expect, it } from 'vitest';
import { relativeErrors } from './measure';

// Relative error of the gain from the noise variance alone (the lattice step would make it exact) <= 10%.
const cases: [string, number[]][] = [
  ['camera.png', [0.005, 0.01, 0.02, 0.05, 0.1, 0.2]],
  ['astronaut.png', [0.02]],
  ['brick.png', [0.005, 0.2]],
  ['gravel.png', [0.005, 0.05, 0.2]],
  ['grass.png', [0.05, 0.2]],
];

describe('poisson gain, blind', () => {
  for (const [file, levels] of cases) {
    it(`${file}: within 10% at gain ${levels.join(', ')}`, async () => {
      const errors = await relativeErrors(file, 'poisson', levels);
      errors.forEach((e, k) =>
        expect(Math.abs(e), `${file} gain ${levels[k]}: ${(100 * e).toFixed(1)}%`).toBeLessThanOrEqual(0.1),
      );
    });
  }
});
