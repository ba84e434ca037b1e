import { describe, expect, it } from 'vitest';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { drawnNoise } from '../../main/engine/realised-constant';
import type { NoiseSpec } from '../../main/shared/noise';
import { cleanPattern, noiseCases } from './noise-cases';

const cameraCases: { spec: NoiseSpec; alpha: number; range: [number, number] }[] = [
  { spec: { family: 'poissongaussian', a: 0.02, b: 0.0004 }, alpha: 0.25, range: [0.05, 1] },
  { spec: { family: 'poissongaussian', a: 0.02, b: 0.0004, method: 'anscombe' }, alpha: 0.25, range: [0.05, 1] },
];

// drawnNoise counts (y2 - y)^2 as ((1 - alpha)(y2 - y1))^2, which holds only if every family's pair averages back
// to the data it split: y = (1 - alpha) y1 + alpha y2, in the family's training domain where it has one.
describe('every recorruption splits y exactly: y = (1 - alpha) y1 + alpha y2', () => {
  for (const { spec, alpha, range } of [...noiseCases, ...cameraCases]) {
    it(`${spec.family}${'method' in spec && spec.method ? ` (${spec.method})` : ''}`, () => {
      const model = noiseModel(spec);
      const rng = new Rng(5);
      const y = model.sample(cleanPattern(32, 32, range), rng);
      const split = model.domain ? model.domain.forward(y) : y;
      const { y1, y2 } = model.recorrupt(y, alpha, rng);
      let worst = 0;
      let drawn = 0;
      for (let i = 0; i < y.length; i++) {
        worst = Math.max(worst, Math.abs((1 - alpha) * y1[i]! + alpha * y2[i]! - split[i]!));
        drawn += drawnNoise(y1[i]!, y2[i]!, alpha) - (y2[i]! - split[i]!) ** 2;
      }
      expect(worst).toBeLessThan(1e-5);
      expect(Math.abs(drawn / y.length)).toBeLessThan(1e-6);
    });
  }
});
