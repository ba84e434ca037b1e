import { getKernel } from '@tensorflow/tfjs-core';
import type { NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Runs another wasm kernel directly from inside a kernel: no engine bookkeeping, no tape.
 * The caller owns the result and must `release` it.
 */
export function runWasm(
  backend: BackendWasm,
  kernelName: string,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = getKernel(kernelName, 'wasm');
  if (!config) throw new Error(`wasm backend has no ${kernelName} kernel`);
  const out = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`${kernelName} returned several tensors where one was expected`);
  return out;
}

export function release(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** A tensor's place in the wasm heap, as an index into a Float32Array over the whole heap. */
export interface HeapRef {
  readonly heap: Float32Array;
  readonly at: number;
}

/**
 * Float32 view of the whole wasm heap and the tensor's first element in it. Take it after the last
 * allocation: growing the heap detaches older views.
 */
export function heapRef(backend: BackendWasm, info: TensorInfo): HeapRef {
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) throw new Error(`expected a float32 tensor, got ${info.dtype}`);
  return { heap: new Float32Array(view.buffer), at: view.byteOffset / 4 };
}
