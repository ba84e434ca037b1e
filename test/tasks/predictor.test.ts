import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { denoiseImage } from '../../main/engine/denoise-image';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { buildNet } from '../../main/engine/nets';
import type { ModelMeta } from '../../main/shared/model';
import { choosePredictor, describePredictor } from '../../main/runtime/predictor';
import type { Ort } from '../../main/runtime/predictor-ort';
import { providerPlan } from '../../main/runtime/predictor-providers';
import { withRandomOutput } from '../helpers/random-output';
import { testMeta } from './helpers';

const meta: ModelMeta = testMeta(
  { family: 'gaussian', sigma: 0.1 },
  3,
  { kind: 'unet', width: 8, depth: 3 },
  { scale: 0.7 },
);
const options = { mc: 2, seed: 3, tile: 32, overlap: 8 };
const noOrt = () => Promise.reject(new Error('onnxruntime-node: native library not found'));

let net: tfl.LayersModel;
let image: ImageF32;
beforeAll(async () => {
  await initBackend('wasm');
  net = buildNet(meta.net, 3, 5);
  net.setWeights(net.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.1, 'float32', i + 1)));
  image = makeImage(45, 70, 3, tf.randomUniform([45 * 70 * 3], 0, 1, 'float32', 9).dataSync() as Float32Array);
});

function maxAbsDiff(a: ImageF32, b: ImageF32): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
}

describe('the predictor denoise runs', () => {
  it('is onnxruntime when it loads, and gives the image tfjs gives', async () => {
    const predictor = await choosePredictor(net);
    expect(predictor.engine).toBe('onnxruntime');
    expect(describePredictor(predictor)).toMatch(/^inference onnxruntime \(.+; .+\)$/);
    const viaOrt = await denoiseImage(net, meta, image, { ...options, predict: predictor.predict });
    await predictor.release();
    const viaTfjs = await denoiseImage(net, meta, image, options);
    expect(maxAbsDiff(viaOrt, viaTfjs)).toBeLessThan(1e-4);
  });

  it('gives the same image through a gray model on a colour image, channel by channel', async () => {
    const gray = withRandomOutput(buildNet({ kind: 'dncnn', width: 8, depth: 3 }, 1, 2), 2);
    const grayMeta = { ...meta, net: { kind: 'dncnn' as const, width: 8, depth: 3 }, channels: 1 };
    const predictor = await choosePredictor(gray);
    const viaOrt = await denoiseImage(gray, grayMeta, image, { ...options, predict: predictor.predict });
    await predictor.release();
    expect(maxAbsDiff(viaOrt, await denoiseImage(gray, grayMeta, image, options))).toBeLessThan(1e-4);
    gray.dispose();
  });

  it('falls back to tfjs, saying why, when onnxruntime cannot load', async () => {
    const predictor = await choosePredictor(net, { loadOrt: noOrt });
    expect(predictor.engine).toBe('tfjs');
    expect(describePredictor(predictor)).toBe(
      'inference tfjs (onnxruntime skipped: onnxruntime-node: native library not found)',
    );
    const fallback = await denoiseImage(net, meta, image, { ...options, predict: predictor.predict });
    expect(maxAbsDiff(fallback, await denoiseImage(net, meta, image, options))).toBe(0);
  });

  it('falls back to tfjs when onnxruntime gives other numbers than tfjs (checked once at start)', async () => {
    const zeros = { type: 'float32', data: new Float32Array(0) };
    const session = {
      inputNames: ['noisy'],
      outputNames: ['denoised'],
      release: async () => {},
      run: async (feeds: Record<string, { data: Float32Array }>) => ({
        denoised: { ...zeros, data: new Float32Array(feeds.noisy!.data.length) },
      }),
    };
    class Tensor {
      constructor(
        readonly type: string,
        readonly data: Float32Array,
      ) {}
    }
    const broken = { InferenceSession: { create: async () => session }, Tensor } as unknown as Ort;
    const predictor = await choosePredictor(net, { loadOrt: async () => broken });
    expect(predictor.engine).toBe('tfjs');
    expect(predictor.skipped).toMatch(/^the ONNX export differs from tfjs by up to /);
  });

  it('is tfjs when asked, and fails clearly when onnxruntime is required but missing', async () => {
    expect((await choosePredictor(net, { prefer: 'tfjs' })).engine).toBe('tfjs');
    await expect(choosePredictor(net, { prefer: 'onnxruntime', loadOrt: noOrt })).rejects.toThrow(
      /onnxruntime is not available: onnxruntime-node: native/,
    );
  });

  it('asks for the GPU providers onnxruntime-node ships (DirectML, CoreML, CUDA once installed), or those GR2R_ORT_PROVIDERS names', () => {
    const none = () => false;
    expect(providerPlan('win32', {}, none).providers).toEqual(['dml']);
    expect(providerPlan('darwin', {}, none).providers).toEqual(['coreml']);
    expect(providerPlan('linux', {}, none)).toEqual({
      providers: [],
      why: 'no GPU: the CUDA provider files are not installed',
    });
    expect(providerPlan('linux', {}, () => true).providers).toEqual(['cuda']);
    expect(providerPlan('linux', { GR2R_ORT_PROVIDERS: 'cuda, cpu' }, none).providers).toEqual(['cuda']);
    expect(providerPlan('win32', { GR2R_ORT_PROVIDERS: 'cpu' }, none).providers).toEqual([]);
  });

  it('falls back to CPU when a GPU execution provider is not there, and says so', async () => {
    const predictor = await choosePredictor(net, { providers: ['cuda'] });
    expect(predictor.providers).toEqual(['cpu']);
    expect(describePredictor(predictor)).toMatch(/^inference onnxruntime \(cpu; cuda skipped: .+\)$/);
    await predictor.release();
  });
});
