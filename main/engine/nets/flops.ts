import type { NetConfig } from './config';

/**
 * Multiply-adds per output pixel of one forward pass (convolutions only; pooling, ReLU and adds are noise). A
 * k x k conv from a to b channels costs k^2 a b per pixel of its level; level l has 4^-l of the pixels. U-Net:
 * two 3x3 convs per level on the way down, then per level up a 2x2 stride-2 transposed conv (2w_l * w_l per
 * pixel of level l) and two 3x3 convs (2w_l -> w_l, w_l -> w_l), and the 1x1 output conv.
 */
export function macsPerPixel(net: NetConfig, channels: number): number {
  const { width: w, depth } = net;
  if (net.kind === 'dncnn') return 9 * channels * w + 9 * w * w * Math.max(0, depth - 2) + 9 * w * channels;
  let macs = 0;
  for (let l = 0; l < depth; l++) {
    const out = w * 2 ** l;
    const into = l === 0 ? channels : out / 2;
    macs += (9 * into * out + 9 * out * out) / 4 ** l;
  }
  for (let l = depth - 2; l >= 0; l--) {
    const out = w * 2 ** l;
    macs += (2 * out * out + 9 * 2 * out * out + 9 * out * out) / 4 ** l;
  }
  return macs + w * channels;
}

/** Floating-point operations of one forward pass over `pixels` pixels (2 per multiply-add). */
export function forwardFlops(net: NetConfig, channels: number, pixels: number): number {
  return 2 * macsPerPixel(net, channels) * pixels;
}

/** A training step: the forward pass and a backward pass of about twice its cost (input and weight gradients). */
export function trainStepFlops(net: NetConfig, channels: number, pixels: number): number {
  return 3 * forwardFlops(net, channels, pixels);
}
