import { describe, expect, it } from 'vitest';
import { networkEngines } from '../../main/runtime/network-engines';

const loads = () => Promise.resolve({});
const missing = () => Promise.reject(new Error("Cannot find package 'onnxruntime-node'"));

describe('what the status bar says runs the network', () => {
  it('is onnxruntime on the CPU backends when it loads, the backend itself when it does not', async () => {
    expect(await networkEngines('wasm', loads)).toEqual({ training: 'onnxruntime', inference: 'onnxruntime' });
    expect(await networkEngines('wasm', missing)).toEqual({ training: 'wasm', inference: 'wasm' });
  });

  it('keeps native TensorFlow for training, as chooseGradients does, and onnxruntime for denoising', async () => {
    expect(await networkEngines('tensorflow-gpu', loads)).toEqual({
      training: 'tensorflow-gpu',
      inference: 'onnxruntime',
    });
  });
});
