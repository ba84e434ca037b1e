import type { NetConfig } from './config';

/**
 * How far, in pixels, an output pixel sees on each side. DnCNN: one per 3x3 conv, so its depth. U-Net of depth
 * D: at level l (scale 2^l) two 3x3 convs on the way down add 2 * 2^l, and below the top the 2x2 pool, the 2x2
 * transposed conv and the two convs on the way up add 4 * 2^l: 2 (2^D - 1) + 4 (2^(D-1) - 1) = 2^(D+2) - 6.
 */
export function receptiveRadius(net: NetConfig): number {
  return net.kind === 'unet' ? 2 ** (net.depth + 2) - 6 : net.depth;
}

/**
 * Tile overlap for a network: its receptive radius rounded up to a multiple of 8, so the pixels a tile's
 * mirrored border reaches are the ones its blending ramp weighs least (32 for the U-Net 32-64-128).
 */
export function tileOverlap(net: NetConfig): number {
  return Math.ceil(receptiveRadius(net) / 8) * 8;
}
