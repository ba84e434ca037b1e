import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// tfjs-core's node bundle has no gradients; the layers bundle registers them, as in the app.
import '@tensorflow/tfjs-layers';
import { registerWasmKernels } from '../../main/engine/kernels/register';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];
type Shape4 = [number, number, number, number];
interface Case {
  x: Shape4;
  k: number;
  outC: number;
  stride: number;
  pad: Pad;
}

// kernel 1, 2, 3; stride 1, 2; same, valid and explicit padding; odd sizes; batch 1 and 3.
const cases: Case[] = [];
for (const k of [1, 2, 3]) {
  for (const stride of [1, 2]) {
    for (const pad of ['same', 'valid'] as const) {
      cases.push({ x: [1, 7, 6, 3], k, outC: 5, stride, pad });
      cases.push({ x: [3, 8, 8, 4], k, outC: 2, stride, pad });
    }
  }
}
cases.push({
  x: [3, 9, 7, 6],
  k: 3,
  outC: 4,
  stride: 1,
  pad: [
    [0, 0],
    [1, 0],
    [2, 1],
    [0, 0],
  ],
});
cases.push({
  x: [2, 9, 9, 5],
  k: 3,
  outC: 3,
  stride: 2,
  pad: [
    [0, 0],
    [0, 1],
    [1, 1],
    [0, 0],
  ],
});
cases.push({ x: [2, 16, 16, 32], k: 3, outC: 16, stride: 1, pad: 'same' });
// Frames large next to the output: the filter gradient's shifted-view form.
cases.push({ x: [2, 32, 32, 5], k: 3, outC: 4, stride: 1, pad: 'same' });
cases.push({ x: [1, 30, 34, 3], k: 3, outC: 6, stride: 1, pad: 'valid' });
cases.push({ x: [3, 24, 24, 4], k: 2, outC: 3, stride: 1, pad: 'same' });
cases.push({
  x: [2, 30, 28, 6],
  k: 3,
  outC: 5,
  stride: 1,
  pad: [
    [0, 0],
    [1, 0],
    [2, 1],
    [0, 0],
  ],
});

function values(shape: number[], seed: number): Float32Array {
  return tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', seed).dataSync() as Float32Array);
}

/** Runs f on a backend with freshly made inputs; returns every output's values. */
async function on(backend: string, inputs: [Float32Array, number[]][], f: (...t: tf.Tensor[]) => tf.Tensor[]) {
  await tf.setBackend(backend);
  return tf.tidy(() => f(...inputs.map(([v, s]) => tf.tensor(v, s))).map((t) => t.dataSync() as Float32Array));
}

async function expectSame(inputs: [Float32Array, number[]][], f: (...t: tf.Tensor[]) => tf.Tensor[]): Promise<void> {
  const want = await on('cpu', inputs, f);
  const got = await on('wasm', inputs, f);
  want.forEach((w, i) => {
    const scale = Math.max(1, ...Array.from(w, Math.abs));
    const worst = Math.max(...Array.from(w, (v, j) => Math.abs(v - got[i]![j]!)));
    expect(got[i]!.length).toBe(w.length);
    expect(worst / scale).toBeLessThan(1e-4);
  });
}

const filterShape = (c: Case): Shape4 => [c.k, c.k, c.x[3], c.outC];

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  registerWasmKernels();
});

describe('wasm conv2d gradients match cpu', () => {
  it.each(cases)('conv2d grads: $x k$k s$stride', async (c) => {
    const y = tf.backend_util.computeConv2DInfo(c.x, filterShape(c), c.stride, 1, c.pad).outShape;
    const inputs: [Float32Array, number[]][] = [
      [values(c.x, 1), c.x],
      [values(filterShape(c), 2), filterShape(c)],
      [values(y, 3), y],
    ];
    await expectSame(inputs, (x, w, r) =>
      tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r!)),
      )([x!, w!]),
    );
  });

  it.each(cases.filter((c) => typeof c.pad === 'string'))(
    'conv2dTranspose and its grads: $x k$k s$stride $pad',
    async (c) => {
      // The transposed convolution whose output has x's shape: dy is the forward convolution's output.
      const y = tf.backend_util.computeConv2DInfo(c.x, filterShape(c), c.stride, 1, c.pad).outShape;
      const inputs: [Float32Array, number[]][] = [
        [values(y, 4), y],
        [values(filterShape(c), 5), filterShape(c)],
        [values(c.x, 6), c.x],
      ];
      const up = (d: tf.Tensor, w: tf.Tensor) =>
        tf.conv2dTranspose(d as tf.Tensor4D, w as tf.Tensor4D, c.x, c.stride, c.pad as 'same');
      await expectSame(inputs, (d, w, r) => [
        up(d!, w!),
        ...tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(up(a, b), r!)))([d!, w!]),
      ]);
    },
  );

  it('runs the filter gradient kernel directly with batch 3 and explicit padding', async () => {
    const c = cases.find((k) => Array.isArray(k.pad) && k.stride === 2)!;
    const y = tf.backend_util.computeConv2DInfo(c.x, filterShape(c), c.stride, 1, c.pad).outShape;
    const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: filterShape(c) };
    await expectSame(
      [
        [values(c.x, 7), c.x],
        [values(y, 8), y],
      ],
      (x, dy) => [tf.engine().runKernel('Conv2DBackpropFilter', { x: x!, dy: dy! }, attrs) as tf.Tensor],
    );
  });
});

describe('wasm gradient kernels', () => {
  it('free every intermediate buffer', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend();
    const x = tf.randomNormal([2, 32, 32, 4]) as tf.Tensor4D;
    const w = tf.randomNormal([2, 2, 4, 6]) as tf.Tensor4D;
    const grad = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')),
    );
    const up = (a: tf.Tensor) =>
      tf.conv2dTranspose(tf.conv2d(a as tf.Tensor4D, w, 2, 'valid'), w, [2, 32, 32, 4], 2, 'valid');
    const all = () => tf.tidy(() => void [grad([x, w]), up(x), tf.grad(up)(x)]);
    all();
    const before = backend.numDataIds();
    all();
    expect(backend.numDataIds()).toBe(before);
    tf.dispose([x, w]);
  });

  it('reject NCHW with a clear message', async () => {
    await tf.setBackend('wasm');
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 2, 2] };
    const run = () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.zeros([1, 2, 4, 4]), dy: tf.zeros([1, 2, 4, 4]) }, attrs);
    expect(run).toThrow(/NHWC only/);
  });
});
