import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { denoiseImage } from '../../main/engine/denoise-image';
import { makeImage } from '../../main/engine/image';
import { buildNet } from '../../main/engine/nets';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import type { ModelMeta } from '../../main/shared/model';
import type { NoiseSpec } from '../../main/shared/noise';
import { withRandomOutput } from '../helpers/random-output';
import { cleanPattern } from './noise-cases';
import { testMeta } from '../tasks/helpers';

const size = 32;
const seeds = 24;

function meta(noise: NoiseSpec): ModelMeta {
  return testMeta(noise, 1, { kind: 'dncnn', width: 8, depth: 3 }, { alpha: 0.3, patch: size });
}

/** Mean over pixels of the variance over runs: how far one Monte Carlo output is from its J -> infinity limit. */
function spreadOverRuns(runs: readonly Float32Array[]): number {
  let total = 0;
  for (let i = 0; i < runs[0]!.length; i++) {
    const m = runs.reduce((a, r) => a + r[i]!, 0) / runs.length;
    total += runs.reduce((a, r) => a + (r[i]! - m) ** 2, 0) / (runs.length - 1);
  }
  return total / runs[0]!.length;
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('Monte Carlo output in antithetic pairs', () => {
  const cases = [
    [{ family: 'gaussian', sigma: 0.1 }, 0.02],
    [{ family: 'poisson', gain: 0.05 }, 0.2],
    [{ family: 'gamma', looks: 4 }, 0.4],
    [{ family: 'binomial', trials: 10 }, 0.4],
    [{ family: 'lograyleigh', scale: 0.1 }, 0.6],
  ] as const;
  for (const [noise, most] of cases) {
    it(`${noise.family}: J = 2 varies less around its limit than two independent passes (ratio < ${most})`, async () => {
      const m = meta(noise);
      const net = withRandomOutput(buildNet(m.net, 1, 3), 3);
      const y = makeImage(size, size, 1, noiseModel(noise).sample(cleanPattern(size, size, [0.1, 0.9]), new Rng(4)));
      const tiling = { tile: 64, overlap: 8 };
      const paired: Float32Array[] = [];
      const independent: Float32Array[] = [];
      for (let s = 0; s < seeds; s++) {
        paired.push((await denoiseImage(net, m, y, { mc: 2, seed: s, ...tiling })).data);
        const a = (await denoiseImage(net, m, y, { mc: 1, seed: 1000 + 2 * s, ...tiling })).data;
        const b = (await denoiseImage(net, m, y, { mc: 1, seed: 1001 + 2 * s, ...tiling })).data;
        independent.push(a.map((v, i) => (v + b[i]!) / 2));
      }
      expect(spreadOverRuns(paired) / spreadOverRuns(independent)).toBeLessThan(most);
    });
  }
});
