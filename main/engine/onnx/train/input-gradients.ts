import type { GraphBuilder } from '../graph';

/** A kernel turned by 180 degrees on its two spatial `axes` (of size k): Slice with step -1. */
export function rotated(graph: GraphBuilder, kernel: string, k: number, axes: readonly [number, number], name: string) {
  if (k === 1) return kernel;
  // From the last element down past the first (an end below -k clamps to before index 0).
  const before = -(k + 1);
  return graph.node(
    'Slice',
    [kernel, graph.ints([-1, -1]), graph.ints([before, before]), graph.ints(axes), graph.ints([-1, -1])],
    name,
  );
}

/**
 * Gradient of a stride-1 'same' convolution's input, as a forward convolution: with the ONNX kernel W
 * [out, in, k, k] and p = (k - 1) / 2, dx = ConvTranspose(dz, W) = Conv(dz, W') where
 * W'[i, o, a, b] = W[o, i, k-1-a, k-1-b] (in and out swapped, rotated by 180 degrees). onnxruntime's Conv is
 * faster than its ConvTranspose (a GEMM then a col2im scatter) by about a third here (docs/speed.md).
 */
export function convInputGradient(graph: GraphBuilder, dz: string, kernel: string, k: number, name: string): string {
  const swapped = graph.node('Transpose', [kernel], `${name}/kernel_swapped`, { perm: [1, 0, 2, 3] });
  const p = (k - 1) / 2;
  return graph.node('Conv', [dz, rotated(graph, swapped, k, [2, 3], `${name}/kernel_rotated`)], name, {
    kernel_shape: [k, k],
    pads: [p, p, p, p],
  });
}
