import { backend_util, util } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapRef } from './exec';
import { wasmArgs } from './kernel-args';
import type { KernelArgs } from './kernel-args';
import { aroundAxis, copyRuns } from './runs';

/**
 * Concat of float32 tensors as one strided copy per input over the whole heap (the backend's own makes a
 * typed-array view per run, which dominates for a channel concat); other dtypes go to `original`.
 */
export function fastConcat(original: KernelFunc): KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, backend, attrs } = wasmArgs<{ axis: number | number[] }>(args);
    const parts = Object.values(inputs).filter((t): t is TensorInfo => t !== undefined);
    if (parts.length < 2 || parts.some((t) => t.dtype !== 'float32' || util.sizeFromShape(t.shape) === 0)) {
      return original(args);
    }
    const axis = util.parseAxisParam(attrs.axis, parts[0]!.shape)[0]!;
    const outShape = backend_util.computeOutShape(
      parts.map((t) => t.shape),
      axis,
    );
    const out = backend.makeOutput(outShape, 'float32');
    const { outer, inner } = aroundAxis(outShape, axis);
    const to = heapRef(backend, out);
    let offset = 0;
    for (const part of parts) {
      const run = part.shape[axis]! * inner;
      copyRuns(to.heap, heapRef(backend, part).at, run, to.at + offset, outShape[axis]! * inner, run, outer);
      offset += run;
    }
    return out;
  };
}
