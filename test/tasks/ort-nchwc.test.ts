import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { netArtifacts, netFromArtifacts } from '../../main/engine/checkpoint';
import { buildNet } from '../../main/engine/nets';
import { encodeModel } from '../../main/engine/onnx/encode';
import { NCHWC_DOMAIN } from '../../main/engine/onnx/train/nchwc';
import { trainingGraph } from '../../main/engine/onnx/train/training-graph';
import { Rng } from '../../main/engine/random/rng';
import { relativeDistance } from '../../main/runtime/gradient-check';
import { nchwcBlockSize } from '../../main/runtime/nchwc-block';
import { OrtGradients } from '../../main/runtime/ort-gradients';
import { loadOrt } from '../../main/runtime/predictor-ort';
import { withRandomOutput } from '../helpers/random-output';

beforeAll(async () => {
  await initBackend('wasm');
});

function flatWeights(net: tfl.LayersModel): Float32Array {
  return Float32Array.from(net.getWeights().flatMap((w) => [...(w.dataSync() as Float32Array)]));
}

function batch(shape: readonly number[], salt: number): Float32Array {
  const rng = new Rng(salt);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform() * 2);
}

describe("the training graph in onnxruntime's blocked layout", () => {
  it("blocked convolutions (onnxruntime's NCHWc) give the plain graph's loss and gradients", async () => {
    const runtime = await loadOrt();
    const block = await nchwcBlockSize(runtime);
    if (process.arch === 'x64') expect([8, 16]).toContain(block);
    if (block === undefined) return;
    // Channels of one and two blocks (and 3 in and out): every blocked case, the first layer's NCHW input too.
    const model = withRandomOutput(buildNet({ kind: 'unet', width: block, depth: 2 }, 3, 3), 5);
    const artifacts = await netArtifacts(model);
    model.dispose();
    const shape = [2, 16, 12, 3] as const;
    const weights = flatWeights(await netFromArtifacts(artifacts));
    const [input, target] = [batch(shape, 3), batch(shape, 4)];
    const results = [];
    for (const b of [undefined, block]) {
      const graph = trainingGraph(artifacts, shape, 0, undefined, b);
      const blocked = graph.graph.nodes.filter((n) => n.domain === NCHWC_DOMAIN && n.op === 'Conv').length;
      expect(blocked > 0).toBe(b !== undefined);
      const session = await runtime.InferenceSession.create(encodeModel(graph.graph, { producerVersion: 'test' }));
      const feeds: Record<string, InstanceType<typeof runtime.Tensor>> = {
        [graph.input]: new runtime.Tensor('float32', input, [...shape]),
        [graph.target]: new runtime.Tensor('float32', target, [...shape]),
      };
      let offset = 0;
      for (const w of graph.weights) {
        const size = w.shape.reduce((a, c) => a * c, 1);
        feeds[w.input] = new runtime.Tensor('float32', weights.subarray(offset, offset + size), [...w.shape]);
        offset += size;
      }
      const out = await session.run(feeds);
      results.push(graph.weights.map((w) => out[w.gradient]!.data as Float32Array));
      await session.release();
    }
    const [plain, blocked] = results as [Float32Array[], Float32Array[]];
    plain.forEach((g, i) => expect(relativeDistance(blocked[i]!, g)).toBeLessThan(1e-5));
  });

  it('OrtGradients runs blocked by default on the CPU, and plain when told not to: the same gradients', async () => {
    const runtime = await loadOrt();
    const block = await nchwcBlockSize(runtime);
    const model = withRandomOutput(buildNet({ kind: 'unet', width: 16, depth: 2 }, 3, 3), 6);
    const setup = {
      artifacts: await netArtifacts(model),
      loss: 'mse',
      noise: { family: 'gaussian', sigma: 0.1 },
      scale: 2,
    } as const;
    model.dispose();
    const weights = flatWeights(await netFromArtifacts(setup.artifacts));
    const shape = [2, 16, 16, 3] as const;
    const [input, target] = [batch(shape, 7), batch(shape, 8)];
    const results = [];
    for (const allowBlocked of [true, false]) {
      const gradients = new OrtGradients(runtime, setup, undefined, [], allowBlocked);
      results.push(await gradients.compute(weights, input, target, [...shape]));
      expect(await gradients.blocked()).toBe(allowBlocked && block !== undefined);
      await gradients.release();
    }
    expect(relativeDistance(results[0]!.gradients, results[1]!.gradients)).toBeLessThan(1e-5);
  });
});
