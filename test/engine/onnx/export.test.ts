import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../main/engine/backend';
import type { BackendName } from '../../../main/engine/backend';
import { netArtifacts } from '../../../main/engine/checkpoint';
import type { NetConfig } from '../../../main/engine/nets';
import { buildNet } from '../../../main/engine/nets';
import { exportOnnx, onnxGraph } from '../../../main/engine/onnx';

const cases: { net: NetConfig; channels: number; gains?: number[] }[] = [
  { net: { kind: 'unet', width: 8, depth: 3 }, channels: 1 },
  // Raw planes: the body behind per-channel input gains (nets/input-gains.ts).
  { net: { kind: 'unet', width: 8, depth: 2 }, channels: 4, gains: [1, 0.8, 0.8, 1.9] },
  { net: { kind: 'dncnn', width: 8, depth: 3 }, channels: 4, gains: [1, 0.8, 0.8, 1.9] },
  { net: { kind: 'unet', width: 8, depth: 3 }, channels: 3 },
  { net: { kind: 'dncnn', width: 8, depth: 4 }, channels: 1 },
  { net: { kind: 'dncnn', width: 8, depth: 4 }, channels: 3 },
];
const backends: BackendName[] = ['wasm', 'cpu'];

/** A network with random weights everywhere, biases included (they start at zero). */
function randomNet(net: NetConfig, channels: number, seed: number, gains?: number[]): tfl.LayersModel {
  const model = buildNet(net, channels, seed, gains);
  model.setWeights(
    model
      .getWeights()
      .map((w, i) => tf.randomNormal(w.shape, 0, w.shape.length === 1 ? 0.1 : 0.2, 'float32', seed + i)),
  );
  return model;
}

async function runOnnx(bytes: Uint8Array, input: Float32Array, shape: number[]): Promise<ort.Tensor> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, shape) });
    return out[session.outputNames[0]!]!;
  } finally {
    await session.release();
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe.each(backends)('ONNX export against tfjs on %s', (backend) => {
  it.each(cases)(
    '$net.kind $channels-channel: same output on 2 x 20 x 36 (odd multiples of 4)',
    async ({ net, channels, gains }) => {
      await initBackend(backend);
      const model = randomNet(net, channels, 7, gains);
      const shape = [2, 20, 36, channels];
      const x = tf.randomUniform(shape, 0, 1, 'float32', 3);
      const input = x.dataSync() as Float32Array;
      const want = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
      const got = await runOnnx(exportOnnx(await netArtifacts(model), { producerVersion: 'test' }), input, shape);
      expect(got.dims).toEqual(shape);
      expect(maxAbsDiff(got.data as Float32Array, want)).toBeLessThan(1e-4);
      x.dispose();
      model.dispose();
    },
  );
});

describe('ONNX graph', () => {
  it('uses only Conv, Relu, MaxPool, ConvTranspose, Concat, Add and edge Transposes, with every weight', async () => {
    await initBackend('cpu');
    const model = buildNet({ kind: 'unet', width: 32, depth: 3 }, 3, 1);
    const graph = onnxGraph(await netArtifacts(model));
    expect(new Set(graph.nodes.map((n) => n.op))).toEqual(
      new Set(['Transpose', 'Conv', 'Relu', 'MaxPool', 'ConvTranspose', 'Concat', 'Add']),
    );
    expect(graph.initializers.reduce((n, t) => n + t.data.length, 0)).toBe(model.countParams());
    expect(graph.inputs[0]!.dims).toEqual(['batch', 'height', 'width', 3]);
    model.dispose();
  });

  it('names the layer it cannot export', async () => {
    await initBackend('cpu');
    const artifacts = await netArtifacts(buildNet({ kind: 'dncnn', width: 4, depth: 2 }, 1, 1));
    const topology = JSON.parse(
      JSON.stringify(artifacts.modelTopology).replace('"class_name":"Add"', '"class_name":"Multiply"'),
    );
    expect(() => onnxGraph({ ...artifacts, modelTopology: topology })).toThrow(
      /denoised \(Multiply\) has no ONNX export/,
    );
  });
});
