import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * A tensor over part of another tensor's buffer, starting `offset` floats in: no copy. Valid while `base`
 * lives; give it back with `releaseView`, never with disposeData (which would free memory it does not own).
 */
export function makeView(backend: BackendWasm, base: TensorInfo, offset: number, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32', backend.getMemoryOffset(base.dataId) + offset * 4);
}

/** Unregisters a view (and any XNNPACK operator cached on it) without freeing its memory. */
export function releaseView(backend: BackendWasm, view: TensorInfo): void {
  const data = backend.dataIdMap.get(view.dataId);
  if (data.refCount !== 1) throw new Error(`view still referenced (${data.refCount})`);
  backend.wasm.tfjs.disposeData(data.id);
  backend.dataIdMap.delete(view.dataId);
}
