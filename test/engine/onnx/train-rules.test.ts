import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../../main/engine/onnx/encode';
import { GraphBuilder } from '../../../main/engine/onnx/graph';
import { convInputGradient } from '../../../main/engine/onnx/train/input-gradients';
import { trainMaxPooling2d } from '../../../main/engine/onnx/train/shape-rules';
import type { Value } from '../../../main/engine/onnx/train/types';
import { convKernelGradient } from '../../../main/engine/onnx/train/weight-gradients';
import { Rng } from '../../../main/engine/random/rng';

// Each backward rule of the training graph on one small random layer (seeded), run by onnxruntime, against the
// definition of the gradient written out as loops.

type Shape4 = readonly [number, number, number, number];

function random(shape: readonly number[], seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
}

const at = (shape: Shape4, a: number, b: number, c: number, d: number) =>
  ((a * shape[1] + b) * shape[2] + c) * shape[3] + d;

/** Runs a graph of float inputs and one output through onnxruntime. */
async function run(
  graph: GraphBuilder,
  inputs: Record<string, { data: Float32Array; shape: readonly number[] }>,
  output: string,
  outputShape: readonly number[],
): Promise<Float32Array> {
  const built = graph.build(
    'rule',
    Object.entries(inputs).map(([name, t]) => ({ name, dims: t.shape })),
    [{ name: output, dims: outputShape }],
  );
  const session = await ort.InferenceSession.create(encodeModel(built, { producerVersion: 'test' }));
  try {
    const feeds = Object.fromEntries(
      Object.entries(inputs).map(([name, t]) => [name, new ort.Tensor('float32', t.data, [...t.shape])]),
    );
    return (await session.run(feeds))[output]!.data as Float32Array;
  } finally {
    await session.release();
  }
}

function expectClose(actual: Float32Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let scale = 0;
  expected.forEach((e, i) => {
    worst = Math.max(worst, Math.abs(actual[i]! - e));
    scale = Math.max(scale, Math.abs(e));
  });
  expect(scale).toBeGreaterThan(0);
  expect(worst / scale).toBeLessThan(1e-5);
}

describe('the training graph rules against their definitions', () => {
  it.each([
    [1, 1, [2, 3, 5, 7], 4],
    [3, 3, [2, 3, 5, 7], 4],
    [3, 3, [1, 2, 6, 4], 3],
    [5, 5, [2, 2, 4, 6], 3],
  ] as const)(
    'kernel gradient of a %i x %i convolution on %j to %i channels, as shifted products',
    async (k, _, xShape, out) => {
      const [n, cin, h, w] = xShape;
      const dzShape: Shape4 = [n, out, h, w];
      const x = random(xShape, 1);
      const dz = random(dzShape, 2);
      const graph = new GraphBuilder();
      const xv: Value = { name: 'x', shape: xShape };
      const dzv: Value = { name: 'dz', shape: dzShape };
      const dw = convKernelGradient(graph, xv, dzv, k, 'dw');
      const actual = await run(graph, { x: { data: x, shape: xShape }, dz: { data: dz, shape: dzShape } }, dw, [
        k,
        k,
        cin,
        out,
      ]);
      // dW[a, b, i, o] = sum over batch, rows and columns of x[n, i, y + a - p, x + b - p] * dz[n, o, y, x].
      const p = (k - 1) / 2;
      const expected = new Float64Array(k * k * cin * out);
      for (let a = 0; a < k; a++)
        for (let b = 0; b < k; b++)
          for (let i = 0; i < cin; i++)
            for (let o = 0; o < out; o++) {
              let sum = 0;
              for (let m = 0; m < n; m++)
                for (let y = 0; y < h; y++)
                  for (let c = 0; c < w; c++) {
                    const yy = y + a - p;
                    const cc = c + b - p;
                    if (yy < 0 || yy >= h || cc < 0 || cc >= w) continue;
                    sum += x[at(xShape, m, i, yy, cc)]! * dz[at(dzShape, m, o, y, c)]!;
                  }
              expected[((a * k + b) * cin + i) * out + o] = sum;
            }
      expectClose(actual, expected);
    },
  );

  it.each([
    [1, 1],
    [3, 3],
    [5, 5],
  ])('input gradient of a %i x %i convolution, as a convolution by the rotated kernel', async (k) => {
    const [n, cin, out, h, w] = [2, 3, 4, 5, 6];
    const dzShape: Shape4 = [n, out, h, w];
    const kernelShape: Shape4 = [out, cin, k, k];
    const dz = random(dzShape, 3);
    const kernel = random(kernelShape, 4);
    const graph = new GraphBuilder();
    const dx = convInputGradient(graph, 'dz', 'kernel', k, 'dx');
    const actual = await run(
      graph,
      { dz: { data: dz, shape: dzShape }, kernel: { data: kernel, shape: kernelShape } },
      dx,
      [n, cin, h, w],
    );
    // The forward pass z[n, o, y, x] = sum of W[o, i, a, b] * x[n, i, y + a - p, x + b - p], so
    // dx[n, i, y + a - p, x + b - p] collects W[o, i, a, b] * dz[n, o, y, x].
    const p = (k - 1) / 2;
    const xShape: Shape4 = [n, cin, h, w];
    const expected = new Float64Array(n * cin * h * w);
    for (let m = 0; m < n; m++)
      for (let o = 0; o < out; o++)
        for (let y = 0; y < h; y++)
          for (let c = 0; c < w; c++)
            for (let i = 0; i < cin; i++)
              for (let a = 0; a < k; a++)
                for (let b = 0; b < k; b++) {
                  const yy = y + a - p;
                  const cc = c + b - p;
                  if (yy < 0 || yy >= h || cc < 0 || cc >= w) continue;
                  expected[at(xShape, m, i, yy, cc)]! +=
                    kernel[at(kernelShape, o, i, a, b)]! * dz[at(dzShape, m, o, y, c)]!;
                }
    expectClose(actual, expected);
  });

  it('max-pooling sends each window gradient to its maximum, to the first one on ties', async () => {
    const shape: Shape4 = [2, 3, 4, 6];
    const x = random(shape, 5).map((v, i) => (i % 5 === 0 ? 0 : Math.max(v, 0)));
    // Some windows hold only zeros (ties, as after a ReLU).
    x.fill(0, 0, 8);
    const graph = new GraphBuilder();
    const layer = trainMaxPooling2d({
      graph,
      layer: {
        name: 'pool',
        className: 'MaxPooling2D',
        config: { pool_size: [2, 2], strides: [2, 2], padding: 'valid' },
        inputs: ['x'],
      },
      inputs: [{ name: 'x', shape }],
      weight: () => {
        throw new Error('max-pooling has no weights');
      },
    });
    const pooledShape: Shape4 = [2, 3, 2, 3];
    const [dx] = layer.backward('g', [true]);
    const g = random(pooledShape, 6);
    const actual = await run(graph, { x: { data: x, shape }, g: { data: g, shape: pooledShape } }, dx!, shape);
    const expected = new Float64Array(x.length);
    for (let m = 0; m < 2; m++)
      for (let c = 0; c < 3; c++)
        for (let y = 0; y < 2; y++)
          for (let v = 0; v < 3; v++) {
            let best = at(shape, m, c, 2 * y, 2 * v);
            for (const [a, b] of [
              [0, 1],
              [1, 0],
              [1, 1],
            ] as const) {
              const i = at(shape, m, c, 2 * y + a, 2 * v + b);
              if (x[i]! > x[best]!) best = i;
            }
            expected[best] = g[at(pooledShape, m, c, y, v)]!;
          }
    expectClose(actual, expected);
  });
});
