import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import type { Checkpoint } from '../../main/engine/checkpoint';
import { netArtifacts, netFromArtifacts } from '../../main/engine/checkpoint';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import type { NetConfig } from '../../main/engine/nets';
import { buildNet } from '../../main/engine/nets';
import { noiseModel } from '../../main/engine/noise';
import { ShardModel } from '../../main/engine/parallel/shard-model';
import type { BatchShape, GradientComputer, ShardSetup } from '../../main/engine/train/gradients';
import { Rng } from '../../main/engine/random/rng';
import { splitData } from '../../main/engine/train/data';
import type { TrainOptions } from '../../main/engine/train/options';
import { defaultTrainOptions } from '../../main/engine/train/options';
import type { TrainRun } from '../../main/engine/train/trainer';
import { train } from '../../main/engine/train/trainer';
import * as tfl from '@tensorflow/tfjs-layers';
import { trainingGraph } from '../../main/engine/onnx/train/training-graph';
import { gradientDisagreement, relativeDistance } from '../../main/runtime/gradient-check';
import { OrtGradients } from '../../main/runtime/ort-gradients';
import { loadOrt } from '../../main/runtime/predictor-ort';
import { chooseGradients } from '../../main/runtime/training-gradients';
import { cleanCrop } from '../helpers/images';
import { withRandomOutput } from '../helpers/random-output';

const spec = { family: 'gaussian', sigma: 0.1 } as const;

function flatWeights(net: tfl.LayersModel): Float32Array {
  return Float32Array.from(net.getWeights().flatMap((w) => [...(w.dataSync() as Float32Array)]));
}
let noisy: ImageF32;

beforeAll(async () => {
  await initBackend('wasm');
  const clean = await cleanCrop('astronaut.png', 96, 96, 96);
  noisy = makeImage(96, 96, 3, noiseModel(spec).sample(clean.data, new Rng(1)));
});

async function setupFor(
  net: NetConfig,
  channels: number,
  loss: ShardSetup['loss'] = 'mse',
  noise: ShardSetup['noise'] = spec,
  channelWeights?: readonly number[],
): Promise<ShardSetup> {
  const model = withRandomOutput(buildNet(net, channels, 3), 5);
  const artifacts = await netArtifacts(model);
  model.dispose();
  return { artifacts, loss, noise, scale: 2, ...(channelWeights && { channelWeights }) };
}

function batch(shape: BatchShape, salt: number): Float32Array {
  const rng = new Rng(salt);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform() * 2);
}

describe('training gradients from onnxruntime (forward, MSE and backward as one ONNX graph)', () => {
  it.each([
    ['U-Net 3 levels, RGB', { kind: 'unet', width: 8, depth: 3 }, 3, [2, 16, 16, 3], spec],
    ['U-Net 2 levels, grey, non-square', { kind: 'unet', width: 4, depth: 2 }, 1, [3, 8, 12, 1], spec],
    ['DnCNN', { kind: 'dncnn', width: 8, depth: 4 }, 3, [2, 12, 10, 3], spec],
    [
      'U-Net, Gamma (pixel-weighted loss)',
      { kind: 'unet', width: 8, depth: 3 },
      3,
      [2, 16, 16, 3],
      { family: 'gamma', looks: 4 },
    ],
    [
      'U-Net, Poisson (pixel-weighted loss)',
      { kind: 'unet', width: 4, depth: 2 },
      1,
      [3, 8, 12, 1],
      { family: 'poisson', gain: 0.05 },
    ],
    [
      'U-Net, raw planes (pixel- and channel-weighted loss)',
      { kind: 'unet', width: 4, depth: 2 },
      4,
      [2, 8, 12, 4],
      { family: 'poissongaussian', a: 0.01, b: 1e-4 },
      [0.8, 0.5, 0.5, 3],
    ],
  ] as const)(
    '%s: the loss and every weight gradient equal tfjs',
    async (_, net, channels, shape, noise, channelWeights?) => {
      const setup = await setupFor(net, channels, 'mse', noise, channelWeights);
      const ort = new OrtGradients(await loadOrt(), setup);
      const tfjs = await ShardModel.create(setup);
      const weights = flatWeights(await netFromArtifacts(setup.artifacts));
      const [input, target] = [batch([...shape], 1), batch([...shape], 2)];
      const want = tfjs.compute(weights, input, target, [...shape]);
      const got = await ort.compute(weights, input, target, [...shape]);
      expect(Math.abs(got.loss / want.loss - 1)).toBeLessThan(1e-5);
      expect(relativeDistance(got.gradients, want.gradients)).toBeLessThan(1e-5);
      // Not trivially equal: the output layer is random, so every layer has a gradient.
      expect(want.gradients.every((g) => g === 0)).toBe(false);
      tfjs.dispose();
      await ort.release();
    },
  );

  it('a layer it cannot differentiate is named, not guessed', async () => {
    const input = tfl.input({ shape: [null, null, 1], name: 'noisy' });
    const strided = tfl.layers
      .conv2d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', name: 'down' })
      .apply(input) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: strided });
    const artifacts = await netArtifacts(model);
    expect(() => trainingGraph(artifacts, [1, 8, 8, 1])).toThrow(
      "layer down: a 3x3 convolution with strides 2x2 and 'same' padding has no onnxruntime training graph",
    );
    const pooled = tfl.layers.maxPooling2d({ poolSize: 2, name: 'pool' }).apply(input) as tfl.SymbolicTensor;
    const poolArtifacts = await netArtifacts(tfl.model({ inputs: input, outputs: pooled }));
    expect(() => trainingGraph(poolArtifacts, [1, 7, 8, 1])).toThrow(/layer pool: pooling 2x2 with strides 2x2 on 7x8/);
  });

  it('the start-up check catches a computer whose gradients are wrong', async () => {
    const setup = await setupFor({ kind: 'unet', width: 4, depth: 2 }, 3);
    const ort = new OrtGradients(await loadOrt(), setup);
    expect(await gradientDisagreement(ort.compute, setup)).toBeLessThan(1e-5);
    const wrong: GradientComputer = async (...args) => {
      const r = await ort.compute(...args);
      r.gradients[r.gradients.length >> 1]! += 0.5;
      return r;
    };
    expect(await gradientDisagreement(wrong, setup)).toBeGreaterThan(1e-3);
    await ort.release();
  });
});

const options: TrainOptions = {
  ...defaultTrainOptions,
  noise: spec,
  batch: 4,
  patch: 32,
  steps: 4,
  net: { kind: 'unet', width: 8, depth: 3 },
  evalEvery: 1000,
  checkpointEvery: 1000,
};

async function run(extra: Partial<TrainRun> = {}) {
  const losses: number[] = [];
  let last: Checkpoint | undefined;
  const data = splitData([{ name: 'astronaut', image: noisy }], undefined, options.seed);
  for await (const event of train({ data, options, peak: 1, appVersion: 'test', ...extra })) {
    if (event.kind === 'step') losses.push(event.progress.loss);
    else last = event.checkpoint;
  }
  const net = await netFromArtifacts(last!.artifacts);
  const weights = flatWeights(net);
  net.dispose();
  return { losses, weights };
}

function initialWeights(): Float32Array {
  const net = buildNet(options.net, noisy.channels, options.seed);
  const weights = flatWeights(net);
  net.dispose();
  return weights;
}

describe('choosing what computes the gradients', () => {
  it('auto on wasm trains with onnxruntime, and four Adam steps follow tfjs', async () => {
    const notes: string[] = [];
    // A GPU provider that is not there (none is, in tests): onnxruntime's CPU kernels, saying why.
    const gradients = chooseGradients({ backend: 'wasm', providers: ['cuda'], onNote: (m) => notes.push(m) });
    const viaOrt = await run({ gradients });
    const viaTfjs = await run();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^training gradients: onnxruntime \(cpu; cuda skipped: .+\)$/);
    viaOrt.losses.forEach((loss, i) => expect(Math.abs(loss / viaTfjs.losses[i]! - 1)).toBeLessThan(1e-4));
    // Against how far the weights moved (a wrong gradient differs by about 100%). Not 0: upstream of the
    // zero-initialised output layer the first gradients are tiny, and Adam (m / sqrt(v)) turns their float
    // rounding into full-size steps: how much depends on the CPU's kernels (3% at lr 2e-3 on one machine, 6% on an
    // AVX2-only one), so the bound sits between that and a wrong gradient's 100%.
    const start = initialWeights();
    const moved = (w: Float32Array) => w.map((v, i) => v - start[i]!);
    expect(relativeDistance(moved(viaOrt.weights), moved(viaTfjs.weights))).toBeLessThan(0.2);
  });

  it('NLL and a missing onnxruntime fall back to tfjs with the reason; asking for onnxruntime by name fails instead', async () => {
    const notes: string[] = [];
    const nll = chooseGradients({ backend: 'wasm', onNote: (m) => notes.push(m) })!;
    const poisson = await setupFor({ kind: 'unet', width: 4, depth: 2 }, 3, 'nll');
    expect(await nll({ ...poisson, noise: { family: 'poisson', gain: 0.01 } })).toBeUndefined();
    const missing = chooseGradients({
      backend: 'wasm',
      onNote: (m) => notes.push(m),
      loadOrt: () => Promise.reject(new Error("Cannot find package 'onnxruntime-node'")),
    })!;
    expect(await missing(await setupFor({ kind: 'unet', width: 4, depth: 2 }, 3))).toBeUndefined();
    expect(notes).toEqual([
      'training gradients: tfjs wasm (onnxruntime skipped: the NLL loss has no onnxruntime training graph (MSE and supervised do))',
      "training gradients: tfjs wasm (onnxruntime skipped: Cannot find package 'onnxruntime-node')",
    ]);
    const forced = chooseGradients({ prefer: 'onnxruntime', backend: 'wasm' })!;
    await expect(forced({ ...poisson, noise: { family: 'poisson', gain: 0.01 } })).rejects.toThrow(
      /onnxruntime training is not available: the NLL loss/,
    );
    expect(chooseGradients({ backend: 'tensorflow' })).toBeUndefined();
  });
});
