import type { KernelFunc, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** What the engine passes to a kernel function. */
export type KernelArgs = Parameters<KernelFunc>[0];

/** The arguments of a wasm kernel, typed: named inputs, the backend, and attributes of type A. */
export function wasmArgs<A>(args: KernelArgs): { inputs: NamedTensorInfoMap; backend: BackendWasm; attrs: A } {
  return { inputs: args.inputs, backend: args.backend as BackendWasm, attrs: args.attrs as unknown as A };
}

export function input(inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const info = inputs[name];
  if (!info) throw new Error(`missing input ${name}`);
  return info;
}
