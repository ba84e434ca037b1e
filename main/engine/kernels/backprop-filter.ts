import type { Conv2DBackpropFilterAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapRef, release, runWasm } from './exec';
import { convGeometry } from './geometry';
import type { ConvGeometry } from './geometry';
import { input, wasmArgs } from './kernel-args';
import type { KernelArgs } from './kernel-args';
import { gatherTap, toChannelsFirst } from './layout';
import type { Frame } from './layout';

/** Padded frame of x that holds every window of the convolution. */
function frameOf(g: ConvGeometry): Frame {
  return { hp: (g.outH - 1) * g.strideH + g.kh, wp: (g.outW - 1) * g.strideW + g.kw, top: g.padTop, left: g.padLeft };
}

/** A private copy of dy as the matmul's weights: XNNPACK caches the packed weights by tensor id until disposed. */
function weightsCopy(backend: BackendWasm, dy: TensorInfo, rows: number, cols: number): TensorInfo {
  const copy = backend.makeOutput([1, rows, cols], 'float32');
  const from = heapRef(backend, dy);
  from.heap.copyWithin(heapRef(backend, copy).at, from.at, from.at + rows * cols);
  return copy;
}

/**
 * dW[a][b][c][o] = sum over n, y, x of xpad[n][y*sh + a][x*sw + b][c] * dy[n][y][x][o]: per tap (a, b),
 * one XNNPACK matmul (x tap, transposed, [C, M]) x (dy [M, O]); dy is packed once for all taps.
 */
export function conv2dBackpropFilter(args: KernelArgs): TensorInfo {
  const { inputs, backend, attrs } = wasmArgs<Conv2DBackpropFilterAttrs>(args);
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const g = convGeometry('Conv2DBackpropFilter', x.shape, attrs.filterShape, attrs);
  const m = g.batch * g.outH * g.outW;
  const f = frameOf(g);
  const xT = backend.makeOutput([g.inC, g.batch, f.hp, f.wp], 'float32');
  toChannelsFirst(heapRef(backend, x), { n: g.batch, h: g.inH, w: g.inW, c: g.inC }, heapRef(backend, xT), f);
  const b = weightsCopy(backend, dy, m, g.outC);
  const a = backend.makeOutput([1, g.inC, m], 'float32');
  const out = backend.makeOutput([g.kh, g.kw, g.inC, g.outC], 'float32');
  const tapSize = g.inC * g.outC;
  for (let ta = 0; ta < g.kh; ta++) {
    for (let tb = 0; tb < g.kw; tb++) {
      const tap = { a: ta, b: tb, sh: g.strideH, sw: g.strideW, oh: g.outH, ow: g.outW };
      gatherTap(heapRef(backend, xT), g.inC * g.batch, f, heapRef(backend, a), tap);
      const prod = runWasm(backend, 'BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
      const from = heapRef(backend, prod);
      from.heap.copyWithin(heapRef(backend, out).at + (ta * g.kw + tb) * tapSize, from.at, from.at + tapSize);
      release(backend, prod);
    }
  }
  release(backend, xT, a, b);
  return out;
}
