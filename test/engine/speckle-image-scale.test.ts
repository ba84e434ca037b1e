import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { denoiseImage } from '../../main/engine/denoise-image';
import { makeImage } from '../../main/engine/image';
import { imageMeta, ownScale } from '../../main/engine/image-scale';
import { buildNet } from '../../main/engine/nets';
import { gammaNoise } from '../../main/engine/noise/gamma';
import { Rng } from '../../main/engine/random/rng';
import { scene, testMeta } from '../tasks/helpers';
import { withRandomOutput } from '../helpers/random-output';

const H = 48;
const W = 64;

/** Biases start at 0, which leaves a ReLU network homogeneous (f(c y) = c f(y)): give them values, as training does. */
function withRandomBiases<T extends tfl.LayersModel>(net: T): T {
  net.setWeights(
    net.getWeights().map((w, i) => (w.rank === 1 ? tf.randomNormal(w.shape, 0.05, 0.05, 'float32', i) : w)),
  );
  return net;
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('a scale per speckle image', () => {
  it('is twice the mean of the positive values (zeros are no-data borders)', () => {
    expect(ownScale(Float32Array.from([0, 1, 3, 0, Number.NaN]))).toBe(4);
    expect(ownScale(new Float32Array(4))).toBe(1);
  });

  it('makes denoising equivariant to the intensity scale: 1000x the input gives 1000x the output', async () => {
    // Speckle is multiplicative and its recorruption too (y1 = y (1 - b) / (1 - alpha)): divided by its own scale,
    // an image and 1000 times it reach the network as the same numbers, with the same draws.
    const meta = testMeta({ family: 'gamma', looks: 2 }, 1, { kind: 'unet', width: 8, depth: 2 }, { scale: 0.7 });
    const net = withRandomBiases(withRandomOutput(buildNet(meta.net, 1, 3), 3));
    const y = makeImage(H, W, 1, gammaNoise(2).sample(scene(H, W).data, new Rng(5)));
    const bright = makeImage(
      H,
      W,
      1,
      y.data.map((v) => v * 1000),
    );
    const options = { mc: 2, seed: 1, tile: 64 };
    const relative = async (scaleByImage: boolean) => {
      const own = { ...meta, scaleByImage };
      const [a, b] = [
        await denoiseImage(net, imageMeta(own, y), y, options),
        await denoiseImage(net, imageMeta(own, bright), bright, options),
      ];
      const typical = a.data.reduce((s, v) => s + Math.abs(v), 0) / a.data.length;
      return Math.max(...Array.from(a.data, (v, k) => Math.abs(b.data[k]! / 1000 - v))) / typical;
    };
    expect(await relative(true)).toBeLessThan(1e-4);
    // Negative control: one scale for both, and the network (with its biases) is not scale-equivariant.
    expect(await relative(false)).toBeGreaterThan(0.05);
    net.dispose();
  });
});
