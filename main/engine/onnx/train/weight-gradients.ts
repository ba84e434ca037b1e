import type { GraphBuilder } from '../graph';
import type { Value } from './types';

/** [N, C, H, W] -> [N*H*W, C]: channels last, one row per pixel. */
function pixelsByChannel(graph: GraphBuilder, t: Value, name: string): string {
  const [n, c, h, w] = t.shape;
  const nhwc = graph.node('Transpose', [t.name], `${name}/nhwc`, { perm: [0, 2, 3, 1] });
  return graph.node('Reshape', [nhwc, graph.ints([n * h * w, c])], `${name}/rows`);
}

/**
 * Gradient of a stride-1 'same' convolution's kernel, in tf layout [k, k, in, out]:
 * dW[kh, kw, i, o] = sum over n, h, w of x[n, i, h + kh - p, w + kw - p] * dz[n, o, h, w].
 * Both are laid out over the same zero-padded grid of (h + 2p) x (w + 2p) pixels an image, flattened over the
 * batch: x as [in, pixels] (its padding around each image), dz as [pixels, out] (at each image's top left, zero
 * elsewhere). Kernel offset (kh, kw) is then a shift of x's columns by kh (w + 2p) + kw, so each offset is one
 * MatMul of x's columns from there (a contiguous copy of each row) by dz: k^2 products of [in, out], no im2col
 * matrix (which cost one more copy of k^2 times x, and strided slices; docs/speed.md).
 */
export function convKernelGradient(graph: GraphBuilder, x: Value, dz: Value, kernel: number, name: string): string {
  const [n, channels, h, w] = x.shape;
  const out = dz.shape[1];
  const p = (kernel - 1) / 2;
  const paddedWidth = w + 2 * p;
  const pixels = n * (h + 2 * p) * paddedWidth;
  // The largest shift; dz's last `reach` rows are padding, so the products stop before them.
  const reach = (kernel - 1) * paddedWidth + kernel - 1;
  const used = pixels - reach;
  const byChannel = graph.node('Transpose', [x.name], `${name}/cnhw`, { perm: [1, 0, 2, 3] });
  const xPadded =
    p === 0 ? byChannel : graph.node('Pad', [byChannel, graph.ints([0, 0, p, p, 0, 0, p, p])], `${name}/padded`);
  const columns = graph.node('Reshape', [xPadded, graph.ints([channels, pixels])], `${name}/columns`);
  const dzPixels = graph.node('Transpose', [dz.name], `${name}/dz/nhwc`, { perm: [0, 2, 3, 1] });
  const dzPadded =
    p === 0
      ? dzPixels
      : graph.node('Pad', [dzPixels, graph.ints([0, 0, 0, 0, 0, 2 * p, 2 * p, 0])], `${name}/dz/padded`);
  const dzRows = graph.node('Reshape', [dzPadded, graph.ints([pixels, out])], `${name}/dz/rows`);
  const dzUsed =
    reach === 0
      ? dzRows
      : graph.node('Slice', [dzRows, graph.ints([0]), graph.ints([used]), graph.ints([0])], `${name}/dz/used`);
  const products: string[] = [];
  for (let kh = 0; kh < kernel; kh++) {
    for (let kw = 0; kw < kernel; kw++) {
      const shift = kh * paddedWidth + kw;
      const shifted =
        reach === 0
          ? columns
          : graph.node(
              'Slice',
              [columns, graph.ints([shift]), graph.ints([shift + used]), graph.ints([1])],
              `${name}/shift${kh}${kw}`,
            );
      products.push(graph.node('MatMul', [shifted, dzUsed], `${name}/matmul${kh}${kw}`));
    }
  }
  const stacked = products.length === 1 ? products[0]! : graph.node('Concat', products, `${name}/stacked`, { axis: 0 });
  return graph.node('Reshape', [stacked, graph.ints([kernel, kernel, channels, out])], name);
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
