import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilter } from './backprop-filter';
import { conv2dBackpropInput } from './backprop-input';
import { fastConcat } from './concat';
import { castOrShare, shareIdentity } from './identity';
import { maxPoolGrad } from './max-pool-grad';
import { fastSplitV } from './split';
import { fastSum } from './sum';

/** Makes a kernel from the backend's own (for the cases it keeps handling); throws if there is none. */
type Factory = (original: KernelFunc) => KernelFunc;
const replace =
  (f: KernelFunc): Factory =>
  () =>
    f;

const kernels: ReadonlyArray<readonly [string, Factory]> = [
  ['Conv2DBackpropFilter', replace(conv2dBackpropFilter)],
  ['Conv2DBackpropInput', replace(conv2dBackpropInput)],
  ['MaxPoolGrad', replace(maxPoolGrad)],
  ['Identity', replace(shareIdentity)],
  ['Cast', castOrShare],
  ['Sum', fastSum],
  ['Concat', fastConcat],
  ['SplitV', fastSplitV],
];

const ours = new WeakSet<KernelFunc>();

function missing(kernelName: string): KernelFunc {
  return () => {
    throw new Error(`wasm backend has no ${kernelName} kernel for this case`);
  };
}

/**
 * Registers the wasm kernels of this folder: gradient kernels the backend lacks or runs slowly, built on its
 * XNNPACK kernels, and buffer-sharing or strided-copy versions of kernels a training step calls often.
 * Idempotent.
 */
export function registerWasmKernels(): void {
  for (const [kernelName, make] of kernels) {
    const existing = getKernel(kernelName, 'wasm');
    if (existing && ours.has(existing.kernelFunc)) continue;
    const kernelFunc = make(existing?.kernelFunc ?? missing(kernelName));
    ours.add(kernelFunc);
    if (existing) unregisterKernel(kernelName, 'wasm');
    registerKernel({ kernelName, backendName: 'wasm', kernelFunc, setupFunc: existing?.setupFunc });
  }
}
