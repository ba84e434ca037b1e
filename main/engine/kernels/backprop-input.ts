import type { Conv2DBackpropInputAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapRef, release, runWasm } from './exec';
import { convGeometry } from './geometry';
import type { ConvGeometry } from './geometry';
import { input, wasmArgs } from './kernel-args';
import type { KernelArgs } from './kernel-args';
import { filterToPatchRows, flipFilter } from './filters';
import { insertZeros, patchesToPixels } from './spread';

/** Non-overlapping windows tiling x exactly (the U-Net's 2x2 stride-2 transposed convolution). */
function isPatchConv(g: ConvGeometry): boolean {
  const unpadded = g.padTop + g.padBottom + g.padLeft + g.padRight === 0;
  return unpadded && g.kh === g.strideH && g.kw === g.strideW && g.inH === g.outH * g.kh && g.inW === g.outW * g.kw;
}

/** dx[n][y*kh + a][x*kw + b][c] = sum over o of dy[n][y][x][o] * W[a][b][c][o]: one matmul, then pixels. */
function patchTransposedConv(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo {
  const m = g.batch * g.outH * g.outW;
  const patch = g.kh * g.kw * g.inC;
  const rows = backend.makeOutput([1, g.outC, patch], 'float32');
  filterToPatchRows(heapRef(backend, filter), g, heapRef(backend, rows));
  const dy3 = { dataId: dy.dataId, shape: [1, m, g.outC], dtype: dy.dtype };
  const patches = runWasm(backend, 'BatchMatMul', { a: dy3, b: rows }, { transposeA: false, transposeB: false });
  const dx = backend.makeOutput([g.batch, g.inH, g.inW, g.inC], 'float32');
  const grid = { n: g.batch, h: g.outH, w: g.outW, c: g.inC };
  patchesToPixels(heapRef(backend, patches), grid, g.kh, g.kw, heapRef(backend, dx));
  release(backend, rows, patches);
  return dx;
}

/**
 * dx = dy, zero-inserted between strided samples, convolved (stride 1) with the spatially flipped filter
 * with in and out channels swapped, padded so the result has x's size.
 */
function flippedConv(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo {
  const flipped = backend.makeOutput([g.kh, g.kw, g.outC, g.inC], 'float32');
  flipFilter(heapRef(backend, filter), g, heapRef(backend, flipped));
  const zh = (g.outH - 1) * g.strideH + 1;
  const zw = (g.outW - 1) * g.strideW + 1;
  const strided = g.strideH > 1 || g.strideW > 1;
  const spread = strided ? backend.makeOutput([g.batch, zh, zw, g.outC], 'float32') : dy;
  if (strided) {
    const grid = { n: g.batch, h: g.outH, w: g.outW, c: g.outC };
    insertZeros(heapRef(backend, dy), grid, g.strideH, g.strideW, heapRef(backend, spread));
  }
  const top = g.kh - 1 - g.padTop;
  const left = g.kw - 1 - g.padLeft;
  const pad = [
    [0, 0],
    [top, g.inH + g.kh - 1 - zh - top],
    [left, g.inW + g.kw - 1 - zw - left],
    [0, 0],
  ];
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] };
  const dx = runWasm(backend, 'Conv2D', { x: spread, filter: flipped }, attrs);
  release(backend, flipped);
  if (strided) release(backend, spread);
  return dx;
}

export function conv2dBackpropInput(args: KernelArgs): TensorInfo {
  const { inputs, backend, attrs } = wasmArgs<Conv2DBackpropInputAttrs>(args);
  const dy = input(inputs, 'dy');
  const filter = input(inputs, 'filter');
  const g = convGeometry('Conv2DBackpropInput', attrs.inputShape, filter.shape, attrs);
  return isPatchConv(g) ? patchTransposedConv(backend, dy, filter, g) : flippedConv(backend, dy, filter, g);
}
