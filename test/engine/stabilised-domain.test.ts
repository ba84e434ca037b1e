import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { netFromArtifacts } from '../../main/engine/checkpoint';
import type { Checkpoint } from '../../main/engine/checkpoint';
import { denoiseImage } from '../../main/engine/denoise-image';
import { makeImage } from '../../main/engine/image';
import { imagePsnr } from '../../main/engine/metrics';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { splitData } from '../../main/engine/train/data';
import { defaultTrainOptions } from '../../main/engine/train/options';
import { train } from '../../main/engine/train/trainer';
import { cleanCrop } from '../helpers/images';

beforeAll(() => initBackend('wasm'));

const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;

describe('a family trained in a transformed domain (Poisson-Gaussian)', () => {
  it.each(['anscombe', 'lattice'] as const)(
    "%s: denoises back into image units; an estimated PSNR only where the units are the image's",
    async (method) => {
      const spec = { family: 'poissongaussian', a: 0.01, b: 0.0004, method } as const;
      const clean = await cleanCrop('camera.png', 96, 200, 120, true);
      const noisy = makeImage(96, 96, 1, noiseModel(spec).sample(clean.data, new Rng(4)));
      const options = {
        ...defaultTrainOptions,
        noise: spec,
        steps: 150,
        batch: 4,
        patch: 32,
        learningRate: 2e-3,
        evalEvery: 50,
        net: { kind: 'dncnn', width: 16, depth: 4 } as const,
      };
      let last: Checkpoint | undefined;
      for await (const event of train({
        data: splitData([{ name: 'camera', image: noisy }], undefined, 1),
        options,
        peak: 1,
        appVersion: 'test',
      })) {
        if (event.kind === 'checkpoint') last = event.checkpoint;
        else if (method === 'anscombe') expect(event.progress.estPsnr).toBeNull();
        else if (event.progress.step === 150) expect(event.progress.estPsnr).toBeGreaterThan(imagePsnr(noisy, clean));
      }
      const net = await netFromArtifacts(last!.artifacts);
      const out = await denoiseImage(net, last!.meta, noisy, { mc: 3, seed: 1, tile: 256, overlap: 32 });
      expect(Math.abs(mean(out.data) - mean(clean.data))).toBeLessThan(0.1);
      expect(imagePsnr(out, clean)).toBeGreaterThan(imagePsnr(noisy, clean));
      await expect(denoiseImage(net, last!.meta, noisy, { mc: 0, seed: 1, tile: 256, overlap: 32 })).rejects.toThrow(
        /mc >= 1/,
      );
    },
  );
});
