import type { Conv2DBackpropFilterAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { heapRef, release, runWasm } from './exec';
import { convGeometry } from './geometry';
import type { ConvGeometry } from './geometry';
import { makeView, releaseView } from './heap-view';
import { input, wasmArgs } from './kernel-args';
import type { KernelArgs } from './kernel-args';
import { gatherTap, toChannelsFirst } from './layout';
import type { Frame } from './layout';
import { copyRuns } from './runs';

/** Padded frame of x that holds every window of the convolution. */
function frameOf(g: ConvGeometry): Frame {
  return { hp: (g.outH - 1) * g.strideH + g.kh, wp: (g.outW - 1) * g.strideW + g.kw, top: g.padTop, left: g.padLeft };
}

/** x as [C][N][hp][wp] (zero-padded frame), then `tail` zeros. */
function channelsFirst(backend: BackendWasm, x: TensorInfo, g: ConvGeometry, f: Frame, tail: number): TensorInfo {
  const size = g.inC * g.batch * f.hp * f.wp;
  const xT = backend.makeOutput([size + tail], 'float32');
  const to = heapRef(backend, xT);
  toChannelsFirst(heapRef(backend, x), { n: g.batch, h: g.inH, w: g.inW, c: g.inC }, to, f);
  to.heap.fill(0, to.at + size, to.at + size + tail);
  return xT;
}

/** dy on a grid of `rows` x `cols` per image (dy at the top left, zeros elsewhere), as the [1, K, O] weights of a matmul. */
function dyOnGrid(backend: BackendWasm, dy: TensorInfo, g: ConvGeometry, rows: number, cols: number): TensorInfo {
  const grid = backend.makeOutput([1, g.batch * rows * cols, g.outC], 'float32');
  const to = heapRef(backend, grid);
  const from = heapRef(backend, dy);
  to.heap.fill(0, to.at, to.at + g.batch * rows * cols * g.outC);
  const run = g.outW * g.outC;
  for (let n = 0; n < g.batch; n++) {
    copyRuns(to.heap, from.at + n * g.outH * run, run, to.at + n * rows * cols * g.outC, cols * g.outC, run, g.outH);
  }
  return grid;
}

/** Runs `tapGrad(a, b)` (a [1, C, O] product) for every filter tap and stacks the results as [kh, kw, C, O]. */
function stackTaps(backend: BackendWasm, g: ConvGeometry, tapGrad: (a: number, b: number) => TensorInfo): TensorInfo {
  const out = backend.makeOutput([g.kh, g.kw, g.inC, g.outC], 'float32');
  const size = g.inC * g.outC;
  for (let a = 0; a < g.kh; a++) {
    for (let b = 0; b < g.kw; b++) {
      const prod = tapGrad(a, b);
      const from = heapRef(backend, prod);
      from.heap.copyWithin(heapRef(backend, out).at + (a * g.kw + b) * size, from.at, from.at + size);
      release(backend, prod);
    }
  }
  return out;
}

const matMul = (backend: BackendWasm, a: TensorInfo, b: TensorInfo) =>
  runWasm(backend, 'BatchMatMul', { a, b }, { transposeA: false, transposeB: false });

/**
 * Stride 1, no copy per tap: over the padded frame flattened to j, dW[a][b] = sum over j of
 * xT[c][j + a*wp + b] * dyG[j][o], where dyG is dy on the frame's grid (zero where no output is). Each tap's
 * left operand is then a view of xT shifted by a*wp + b; its rows run into the next plane only where dyG is 0.
 */
function shiftedFilterGrad(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, g: ConvGeometry): TensorInfo {
  const f = frameOf(g);
  const k = g.batch * f.hp * f.wp;
  const xT = channelsFirst(backend, x, g, f, (g.kh - 1) * f.wp + g.kw - 1);
  const dyG = dyOnGrid(backend, dy, g, f.hp, f.wp);
  const out = stackTaps(backend, g, (a, b) => {
    const view = makeView(backend, xT, a * f.wp + b, [1, g.inC, k]);
    const prod = matMul(backend, view, dyG);
    releaseView(backend, view);
    return prod;
  });
  release(backend, xT, dyG);
  return out;
}

/** Any stride: each tap's strided window of xT copied to [C, M], times dy [M, O]. */
function gatheredFilterGrad(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, g: ConvGeometry): TensorInfo {
  const f = frameOf(g);
  const xT = channelsFirst(backend, x, g, f, 0);
  const dyM = dyOnGrid(backend, dy, g, g.outH, g.outW);
  const a = backend.makeOutput([1, g.inC, g.batch * g.outH * g.outW], 'float32');
  const out = stackTaps(backend, g, (ta, tb) => {
    const tap = { a: ta, b: tb, sh: g.strideH, sw: g.strideW, oh: g.outH, ow: g.outW };
    gatherTap(heapRef(backend, xT), g.inC * g.batch, f, heapRef(backend, a), tap);
    return matMul(backend, a, dyM);
  });
  release(backend, xT, dyM, a);
  return out;
}

/** dW[a][b][c][o] = sum over n, y, x of xpad[n][y*sh + a][x*sw + b][c] * dy[n][y][x][o], as XNNPACK matmuls per tap. */
export function conv2dBackpropFilter(args: KernelArgs): TensorInfo {
  const { inputs, backend, attrs } = wasmArgs<Conv2DBackpropFilterAttrs>(args);
  const x = input(inputs, 'x');
  const dy = input(inputs, 'dy');
  const g = convGeometry('Conv2DBackpropFilter', x.shape, attrs.filterShape, attrs);
  // The shifted form multiplies over the whole padded frame: worth it while the frame is small next to dy.
  const frame = frameOf(g);
  const waste = (frame.hp * frame.wp) / (g.outH * g.outW);
  const shifted = g.strideH === 1 && g.strideW === 1 && waste < 1.2;
  return shifted ? shiftedFilterGrad(backend, x, dy, g) : gatheredFilterGrad(backend, x, dy, g);
}
