import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { input, wasmArgs } from './kernel-args';
import type { KernelArgs } from './kernel-args';

/**
 * Identity sharing the buffer, as the cpu backend does (tensors are immutable). The backend's own copies
 * it, and the engine clones every tensor it saves for the backward pass.
 */
export function shareIdentity(args: KernelArgs): TensorInfo {
  const { inputs, backend } = wasmArgs<object>(args);
  const x = input(inputs, 'x');
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Cast to the tensor's own dtype shares the buffer (see shareIdentity); real conversions go to `original`. */
export function castOrShare(original: KernelFunc): KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, attrs } = wasmArgs<{ dtype: string }>(args);
    const x = input(inputs, 'x');
    return x.dtype === attrs.dtype && x.dtype !== 'string' ? shareIdentity(args) : original(args);
  };
}
