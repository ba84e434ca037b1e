import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilter } from './backprop-filter';
import { conv2dBackpropInput } from './backprop-input';

/** The gradient kernels this module provides for 'wasm', replacing the backend's own where it has one. */
const kernels: ReadonlyArray<readonly [string, KernelFunc]> = [
  ['Conv2DBackpropFilter', conv2dBackpropFilter as KernelFunc],
  ['Conv2DBackpropInput', conv2dBackpropInput as KernelFunc],
];

/** Registers fast wasm gradient kernels built on the backend's XNNPACK kernels. Idempotent. */
export function registerWasmKernels(): void {
  for (const [kernelName, kernelFunc] of kernels) {
    const existing = getKernel(kernelName, 'wasm');
    if (existing?.kernelFunc === kernelFunc) continue;
    if (existing) unregisterKernel(kernelName, 'wasm');
    registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
}
