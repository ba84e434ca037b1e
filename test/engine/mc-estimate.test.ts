import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { makeImage } from '../../main/engine/image';
import { denoiseWithEstimate, estimatedMse } from '../../main/engine/mc-estimate';
import { meanSquaredError } from '../../main/engine/metrics';
import { buildNet } from '../../main/engine/nets';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import type { ModelMeta } from '../../main/shared/model';
import type { NoiseSpec } from '../../main/shared/noise';
import { cleanPattern, meanAndStdErr } from './noise-cases';
import { withRandomOutput } from '../helpers/random-output';
import { testMeta } from '../tasks/helpers';

const size = 32;

function meta(noise: NoiseSpec): ModelMeta {
  return testMeta(noise, 1, { kind: 'dncnn', width: 4, depth: 3 }, { patch: size });
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('estimated error of the Monte Carlo output, from the noisy image alone', () => {
  const cases = [
    [{ family: 'gaussian', sigma: 0.1 }, 4],
    [{ family: 'gaussian', sigma: 0.1 }, 3],
    [{ family: 'poisson', gain: 0.05 }, 5],
    [{ family: 'gamma', looks: 4 }, 5],
  ] as const;
  for (const [noise, mc] of cases) {
    it(`${noise.family}: single-pass and J = ${mc} estimates are unbiased (a fixed untrained network, 200 noisy draws)`, async () => {
      const m = meta(noise);
      const net = withRandomOutput(buildNet(m.net, 1, 3), 3);
      const x = cleanPattern(size, size, [0.1, 0.9]);
      const draws = 200;
      const single = new Float64Array(draws);
      const averaged = new Float64Array(draws);
      const naive = new Float64Array(draws);
      for (let r = 0; r < draws; r++) {
        const y = makeImage(size, size, 1, noiseModel(noise).sample(x, new Rng(100 + r)));
        const passes: number[] = [];
        const result = await denoiseWithEstimate(net, m, y, { mc, seed: r, tile: 64, overlap: 8 }, (f) =>
          passes.push(meanSquaredError(f, x)),
        );
        const estimate = estimatedMse(result);
        single[r] = estimate.single - passes.reduce((a, b) => a + b, 0) / passes.length;
        averaged[r] = estimate.averaged - meanSquaredError(result.output.data, x);
        naive[r] = estimate.single - meanSquaredError(result.output.data, x);
      }
      for (const diff of [single, averaged]) {
        const { mean, se } = meanAndStdErr(diff);
        expect(Math.abs(mean)).toBeLessThan(4 * se);
      }
      // The power of the check: the single-pass estimate, read as the J-average's error, is clearly biased.
      const wrong = meanAndStdErr(naive);
      expect(wrong.mean).toBeGreaterThan(6 * wrong.se);
    });
  }
});
