import { backend_util } from '@tensorflow/tfjs-core';
import type { MaxPoolGradAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { heapRef } from './exec';
import type { HeapRef } from './exec';
import { input, wasmArgs } from './kernel-args';
import type { KernelArgs } from './kernel-args';

/** For one output pixel: the index in x of each channel's first maximum over the window (as the cpu backend). */
function argmaxOfWindow(
  x: HeapRef,
  info: backend_util.Conv2DInfo,
  n: number,
  oy: number,
  ox: number,
  best: Float32Array,
  pos: Int32Array,
): void {
  const { heap } = x;
  const c = info.inChannels;
  best.fill(-Infinity);
  pos.fill(-1);
  const y0 = oy * info.strideHeight - info.padInfo.top;
  const x0 = ox * info.strideWidth - info.padInfo.left;
  for (let y = Math.max(0, y0); y < Math.min(info.inHeight, y0 + info.filterHeight); y++) {
    for (let xx = Math.max(0, x0); xx < Math.min(info.inWidth, x0 + info.filterWidth); xx++) {
      const at = x.at + ((n * info.inHeight + y) * info.inWidth + xx) * c;
      for (let k = 0; k < c; k++) {
        if (heap[at + k]! > best[k]!) {
          best[k] = heap[at + k]!;
          pos[k] = at + k - x.at;
        }
      }
    }
  }
}

/** dx[argmax of each window] += dy of that window, NHWC; windows may overlap. */
export function maxPoolGrad(args: KernelArgs): TensorInfo {
  const { inputs, backend, attrs } = wasmArgs<MaxPoolGradAttrs>(args);
  const x = input(inputs, 'input');
  const dy = input(inputs, 'dy');
  const info = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const dx = backend.makeOutput(x.shape, 'float32');
  const from = heapRef(backend, x);
  const to = heapRef(backend, dx).at;
  const g = heapRef(backend, dy);
  from.heap.fill(0, to, to + x.shape.reduce((a, b) => a * b, 1));
  const best = new Float32Array(info.inChannels);
  const pos = new Int32Array(info.inChannels);
  for (let n = 0, d = g.at; n < info.batchSize; n++) {
    for (let oy = 0; oy < info.outHeight; oy++) {
      for (let ox = 0; ox < info.outWidth; ox++) {
        argmaxOfWindow(from, info, n, oy, ox, best, pos);
        for (let k = 0; k < info.inChannels; k++, d++) if (pos[k]! >= 0) from.heap[to + pos[k]!] += g.heap[d]!;
      }
    }
  }
  return dx;
}
