import type { GraphBuilder } from '../graph';
import type { Value } from './types';

/** [N, C, H, W] -> [N*H*W, C]: channels last, one row per pixel. */
function pixelsByChannel(graph: GraphBuilder, t: Value, name: string): string {
  const [n, c, h, w] = t.shape;
  const nhwc = graph.node('Transpose', [t.name], `${name}/nhwc`, { perm: [0, 2, 3, 1] });
  return graph.node('Reshape', [nhwc, graph.ints([n * h * w, c])], `${name}/rows`);
}

/**
 * Gradient of a stride-1 'same' convolution's kernel, in tf layout [k, k, in, out], as one matrix product:
 * dW[kh, kw, i, o] = sum over n, h, w of x[n, i, h + kh - p, w + kw - p] * dz[n, o, h, w]
 * = (im2col of x, rows (kh, kw, i)) x (dz as [pixels, out]).
 */
export function convKernelGradient(graph: GraphBuilder, x: Value, dz: Value, kernel: number, name: string): string {
  const [n, channels, h, w] = x.shape;
  const p = (kernel - 1) / 2;
  const byChannel = graph.node('Transpose', [x.name], `${name}/cnhw`, { perm: [1, 0, 2, 3] });
  const padded =
    p === 0 ? byChannel : graph.node('Pad', [byChannel, graph.ints([0, 0, p, p, 0, 0, p, p])], `${name}/padded`);
  const rows: string[] = [];
  for (let kh = 0; kh < kernel; kh++) {
    for (let kw = 0; kw < kernel; kw++) {
      const window =
        kernel === 1
          ? padded
          : graph.node(
              'Slice',
              [padded, graph.ints([kh, kw]), graph.ints([kh + h, kw + w]), graph.ints([2, 3])],
              `${name}/window${kh}${kw}`,
            );
      rows.push(graph.node('Reshape', [window, graph.ints([channels, n * h * w])], `${name}/cols${kh}${kw}`));
    }
  }
  const columns = rows.length === 1 ? rows[0]! : graph.node('Concat', rows, `${name}/im2col`, { axis: 0 });
  const product = graph.node('MatMul', [columns, pixelsByChannel(graph, dz, `${name}/dz`)], `${name}/matmul`);
  return graph.node('Reshape', [product, graph.ints([kernel, kernel, channels, dz.shape[1]])], name);
}

/**
 * Gradient of a transposed convolution whose kernel equals its stride s (no overlap), in tf layout
 * [s, s, out, in]: dW[kh, kw, o, i] = sum over n, h, w of dz[n, o, s h + kh, s w + kw] * x[n, i, h, w];
 * SpaceToDepth puts block offset (kh, kw) then o on the channel axis, in that order.
 */
export function transposedKernelGradient(
  graph: GraphBuilder,
  x: Value,
  dz: Value,
  stride: number,
  name: string,
): string {
  const [n, channels, h, w] = x.shape;
  const out = dz.shape[1];
  const blocks = graph.node('SpaceToDepth', [dz.name], `${name}/blocks`, { blocksize: stride });
  const byChannel = graph.node('Transpose', [blocks], `${name}/blocks_cnhw`, { perm: [1, 0, 2, 3] });
  const rows = graph.node('Reshape', [byChannel, graph.ints([stride * stride * out, n * h * w])], `${name}/rows`);
  const product = graph.node('MatMul', [rows, pixelsByChannel(graph, x, `${name}/x`)], `${name}/matmul`);
  return graph.node('Reshape', [product, graph.ints([stride, stride, out, channels])], name);
}

/** Gradient of a bias: the sum of dz over batch, rows and columns. */
export function biasGradient(graph: GraphBuilder, dz: string, name: string): string {
  return graph.node('ReduceSum', [dz, graph.ints([0, 2, 3])], name, { keepdims: 0 });
}
