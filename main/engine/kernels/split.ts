import { backend_util, util } from '@tensorflow/tfjs-core';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { heapRef } from './exec';
import { input, wasmArgs } from './kernel-args';
import type { KernelArgs } from './kernel-args';
import { aroundAxis, copyRuns } from './runs';

interface SplitAttrs {
  numOrSizeSplits: number | number[];
  axis: number;
}

/**
 * SplitV (the gradient of concat) of a float32 tensor as strided copies; the backend's own slices
 * element by element. Other dtypes go to `original`.
 */
export function fastSplitV(original: KernelFunc): KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, backend, attrs } = wasmArgs<SplitAttrs>(args);
    const x = input(inputs, 'x');
    if (x.dtype !== 'float32') return original(args);
    const axis = util.parseAxisParam(attrs.axis, x.shape)[0]!;
    const sizes = backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
    const { outer, inner } = aroundAxis(x.shape, axis);
    const parts: TensorInfo[] = sizes.map((s) =>
      backend.makeOutput(
        x.shape.map((d, i) => (i === axis ? s : d)),
        'float32',
      ),
    );
    const from = heapRef(backend, x);
    let offset = 0;
    parts.forEach((part, i) => {
      const run = sizes[i]! * inner;
      copyRuns(from.heap, from.at + offset, x.shape[axis]! * inner, heapRef(backend, part).at, run, run, outer);
      offset += run;
    });
    return parts;
  };
}
