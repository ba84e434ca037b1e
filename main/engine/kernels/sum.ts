import { backend_util, util } from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
import { heapRef } from './exec';
import { input, wasmArgs } from './kernel-args';
import type { KernelArgs } from './kernel-args';

interface SumAttrs {
  axis: number | number[];
  keepDims: boolean;
}

/**
 * Sum of float32 over leading axes (a bias gradient: dy summed over batch and pixels) as one pass of
 * row additions; the backend's own first transposes the reduced axes to the end. Other sums go to `original`.
 */
export function fastSum(original: KernelFunc): KernelFunc {
  return (args: KernelArgs) => {
    const { inputs, backend, attrs } = wasmArgs<SumAttrs>(args);
    const x = input(inputs, 'x');
    const axes = util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length < x.shape.length && axes.every((a, i) => a === i);
    if (x.dtype !== 'float32' || !leading) return original(args);
    const kept = x.shape.slice(axes.length);
    const cols = util.sizeFromShape(kept);
    const rows = util.sizeFromShape(x.shape) / cols;
    const out = backend.makeOutput(attrs.keepDims ? backend_util.expandShapeToKeepDim(kept, axes) : kept, 'float32');
    const { heap, at } = heapRef(backend, x);
    heap.set(columnSums(heap, at, rows, cols), heapRef(backend, out).at);
    return out;
  };
}

/** Sums of each column of a rows x cols block; eight rows per pass keep the loads independent. */
function columnSums(heap: Float32Array, at: number, rows: number, cols: number): Float64Array {
  const acc = new Float64Array(cols);
  const s = cols;
  let r = 0;
  for (; r + 8 <= rows; r += 8) {
    for (let c = 0, i = at + r * s; c < cols; c++, i++) {
      const a = heap[i]! + heap[i + s]! + (heap[i + 2 * s]! + heap[i + 3 * s]!);
      const b = heap[i + 4 * s]! + heap[i + 5 * s]! + (heap[i + 6 * s]! + heap[i + 7 * s]!);
      acc[c] += a + b;
    }
  }
  for (; r < rows; r++) {
    for (let c = 0, i = at + r * s; c < cols; c++, i++) acc[c] += heap[i]!;
  }
  return acc;
}
