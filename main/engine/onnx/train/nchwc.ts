import type { AttributeValue, GraphBuilder } from '../graph';

/**
 * onnxruntime's blocked layout (NCHWc) for its CPU convolutions: channels in blocks of `block` (16 with AVX-512,
 * 8 with AVX2), each pixel's block contiguous. Its direct convolution kernels ran about a quarter faster here than
 * its NCHW Conv (im2col and a GEMM), reorders included (docs/speed.md). onnxruntime rewrites an inference graph
 * to it by itself, but only for weights fixed in the graph; the training graph takes its weights as inputs, so it
 * writes the blocked nodes itself (operator set 'com.microsoft.nchwc', version 1, the CPU provider's).
 */
export const NCHWC_DOMAIN = 'com.microsoft.nchwc';

/** Whether a convolution of `inputs` to `outputs` channels runs blocked: outputs in whole blocks, inputs too or < 1. */
export function nchwcFits(block: number | undefined, inputs: number, outputs: number): block is number {
  return block !== undefined && outputs % block === 0 && (inputs % block === 0 || inputs < block);
}

/** NCHW -> NCHWc (channels a multiple of the block). */
export function reorderInput(graph: GraphBuilder, x: string, name: string): string {
  return graph.domainNode(NCHWC_DOMAIN, 'ReorderInput', [x], name);
}

/** NCHWc -> NCHW. */
export function reorderOutput(graph: GraphBuilder, x: string, channels: number, name: string): string {
  return graph.domainNode(NCHWC_DOMAIN, 'ReorderOutput', [x], name, { channels });
}

/**
 * A tf-layout kernel [k, k, in, out] in the blocked filter layout: [out/B, in/B, k, k, Bi, Bo] when `in` is whole
 * blocks, [out/B, in, k, k, Bo] when it is less than a block (the input then stays NCHW); shaped [out, in, k, k].
 * With `swap`, the kernel is read as [k, k, out, in] (the input gradient's convolution, from the forward kernel).
 */
export function blockedFilter(
  graph: GraphBuilder,
  kernel: string,
  k: number,
  inputs: number,
  outputs: number,
  block: number,
  swap: boolean,
  name: string,
): string {
  const whole = inputs % block === 0;
  const inDims = whole ? [inputs / block, block] : [inputs];
  const outDims = [outputs / block, block];
  const split = swap ? [k, k, ...outDims, ...inDims] : [k, k, ...inDims, ...outDims];
  const inAt = swap ? 4 : 2;
  const outAt = swap ? 2 : 2 + inDims.length;
  // Blocked order: out blocks, in blocks (or in), kernel rows and columns, then within the blocks in, out.
  const perm = whole ? [outAt, inAt, 0, 1, inAt + 1, outAt + 1] : [outAt, inAt, 0, 1, outAt + 1];
  const reshaped = graph.node('Reshape', [kernel, graph.ints(split)], `${name}/split`);
  const blocked = graph.node('Transpose', [reshaped], `${name}/blocked`, { perm });
  return graph.node('Reshape', [blocked, graph.ints([outputs, inputs, k, k])], name);
}

/** The blocked convolution: x NCHWc (or NCHW with less than a block of channels), output NCHWc. */
export function nchwcConv(
  graph: GraphBuilder,
  inputs: readonly string[],
  name: string,
  attributes: Record<string, AttributeValue>,
  relu: boolean,
): string {
  return graph.domainNode(NCHWC_DOMAIN, 'Conv', inputs, name, { ...attributes, ...(relu && { activation: 'Relu' }) });
}
