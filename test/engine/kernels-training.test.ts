import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// tfjs-core's node bundle has no gradients; the layers bundle registers them, as in the app.
import '@tensorflow/tfjs-layers';
import { registerWasmKernels } from '../../main/engine/kernels/register';
import { buildUnet } from '../../main/engine/nets/unet';
import { withRandomOutput } from '../helpers/random-output';

type Inputs = [Float32Array, number[]][];

function values(shape: number[], seed: number): Float32Array {
  return tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', seed).dataSync() as Float32Array);
}

async function on(backend: string, inputs: Inputs, f: (...t: tf.Tensor[]) => tf.Tensor[]) {
  await tf.setBackend(backend);
  return tf.tidy(() => f(...inputs.map(([v, s]) => tf.tensor(v, s))).map((t) => ({ shape: t.shape, v: t.dataSync() })));
}

/** f gives the same shapes and values (to 1e-5 of the largest) on wasm as on cpu. */
async function expectSame(inputs: Inputs, f: (...t: tf.Tensor[]) => tf.Tensor[]): Promise<void> {
  const want = await on('cpu', inputs, f);
  const got = await on('wasm', inputs, f);
  want.forEach((w, i) => {
    expect(got[i]!.shape).toEqual(w.shape);
    const scale = Math.max(1, ...Array.from(w.v, Math.abs));
    const worst = Math.max(0, ...Array.from(w.v, (v, j) => Math.abs(v - Number(got[i]!.v[j]))));
    expect(worst / scale).toBeLessThan(1e-5);
  });
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  registerWasmKernels();
});

describe('wasm kernels of a training step match cpu', () => {
  const pools: [number, number, 'same' | 'valid'][] = [
    [2, 2, 'valid'],
    [3, 2, 'same'],
    [3, 1, 'same'],
    [2, 2, 'same'],
  ];
  it.each(pools)('max-pool gradient, window %i stride %i %s, with ties', async (k, s, pad) => {
    const shape = [3, 7, 8, 5];
    await expectSame([[values(shape, 1), shape]], (x) => {
      const tied = tf.relu(tf.round(tf.mul(x!, 2)));
      return [tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, k, s, pad), tf.range(1, 6))))(tied)];
    });
  });

  it.each([[0], [0, 1, 2], [1], [3], [1, 2], [0, 1, 2, 3]])(
    'sum over axes %j, with and without kept dims',
    async (...axes) => {
      const shape = [2, 3, 4, 5];
      await expectSame([[values(shape, 2), shape]], (x) => [tf.sum(x!, axes), tf.sum(x!, axes, true)]);
    },
  );

  it.each([0, 1, 2, 3, -1])('concat, split and the gradient of concat along axis %i', async (axis) => {
    const a = [2, 3, 4, 5];
    const b = a.map((d, i) => (i === (axis + 4) % 4 ? d + 2 : d));
    await expectSame(
      [
        [values(a, 3), a],
        [values(b, 4), b],
      ],
      (x, y) => [
        tf.concat([x!, y!, x!], axis),
        ...tf.split(y!, [1, b[(axis + 4) % 4]! - 1], axis),
        ...tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.square(tf.concat([p, q], axis))))([x!, y!]),
      ],
    );
  });

  it('identity and same-dtype cast share buffers without leaking; real casts convert', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor([1.5, -2.5, 3]);
    const before = tf.backend().numDataIds();
    const cloned = tf.clone(x);
    const copies = [cloned, tf.cast(x, 'float32'), tf.cast(cloned, 'float32')];
    expect(tf.backend().numDataIds()).toBe(before);
    copies.forEach((c) => expect(Array.from(c.dataSync())).toEqual([1.5, -2.5, 3]));
    const ints = tf.cast(x, 'int32');
    expect(Array.from(ints.dataSync())).toEqual([1, -2, 3]);
    tf.dispose([x, ints, ...copies]);
    expect(tf.backend().numDataIds()).toBe(before - 1);
  });

  it('three Adam steps of the U-Net give the losses and weights of cpu', async () => {
    const train = async (backend: string) => {
      await tf.setBackend(backend);
      const model = withRandomOutput(buildUnet(3, 8, 3, 7), 7);
      const optimizer = tf.train.adam(1e-2);
      const [x, target] = [
        tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 1),
        tf.randomUniform([2, 16, 16, 3], 0, 1, 'float32', 2),
      ];
      const loss = () => tf.losses.meanSquaredError(target, model.apply(x) as tf.Tensor) as tf.Scalar;
      const losses = [0, 1, 2].map(() => tf.tidy(() => optimizer.minimize(loss, true)!.dataSync()[0]!));
      const weights = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      tf.dispose([x, target]);
      optimizer.dispose();
      model.dispose();
      return { losses, weights };
    };
    const want = await train('cpu');
    const got = await train('wasm');
    got.losses.forEach((l, i) => expect(l).toBeCloseTo(want.losses[i]!, 5));
    expect(Math.max(...got.weights.map((w, i) => Math.abs(w - want.weights[i]!)))).toBeLessThan(1e-3);
  });
});
