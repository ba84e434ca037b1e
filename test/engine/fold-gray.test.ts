import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { buildNet } from '../../main/engine/nets';
import type { NetConfig } from '../../main/engine/nets/config';
import { foldToGray } from '../../main/engine/nets/fold-gray';
import { Rng } from '../../main/engine/random/rng';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Every weight random (the residual convolution starts at zero, which would hide a wrong fold of the output). */
function randomised(net: NetConfig, seed: number) {
  const model = buildNet(net, 3, seed);
  const rng = new Rng(seed);
  for (const layer of model.layers) {
    const weights = layer.getWeights();
    if (weights.length === 0) continue;
    layer.setWeights(
      weights.map((w) =>
        tf.tensor(
          Float32Array.from({ length: w.size }, () => 0.2 * rng.normal()),
          w.shape,
        ),
      ),
    );
  }
  return model;
}

describe('a colour network folded to gray', () => {
  for (const net of [
    { kind: 'unet', width: 4, depth: 3 },
    { kind: 'dncnn', width: 4, depth: 3 },
  ] as const) {
    it(`${net.kind}: equals the mean over channels of the colour output on the gray image repeated`, () => {
      const colour = randomised(net, 3);
      const gray = foldToGray(colour, net, 3);
      const rng = new Rng(9);
      const g = Float32Array.from({ length: 16 * 16 }, () => rng.uniform());
      const repeated = Float32Array.from({ length: 16 * 16 * 3 }, (_, i) => g[Math.floor(i / 3)]!);
      const [expected, actual] = tf.tidy(() => [
        tf.mean(colour.predict(tf.tensor4d(repeated, [1, 16, 16, 3])) as tf.Tensor, 3).dataSync(),
        (gray.predict(tf.tensor4d(g, [1, 16, 16, 1])) as tf.Tensor).dataSync(),
      ]);
      let worst = 0;
      let spread = 0;
      for (let i = 0; i < g.length; i++) {
        worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
        spread = Math.max(spread, Math.abs(expected[i]! - g[i]!));
      }
      expect(spread).toBeGreaterThan(0.01); // the network does change its input: the comparison means something
      expect(worst).toBeLessThan(1e-4);
      colour.dispose();
      gray.dispose();
    });
  }
});
