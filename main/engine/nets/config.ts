import type { z } from 'zod';
import { netDefaults } from '../../shared/defaults';
import type { netConfigSchema } from '../../shared/model';

/** The network: serialised into the model folder, so a model rebuilds exactly. */
export type NetConfig = z.infer<typeof netConfigSchema>;

export const defaultNet: NetConfig = netDefaults.unet;

/** Image sizes the network accepts must be multiples of this (U-Net: one halving per level below the top). */
export function sizeMultiple(net: NetConfig): number {
  return net.kind === 'unet' ? 2 ** (net.depth - 1) : 1;
}

export function describeNet(net: NetConfig): string {
  return net.kind === 'unet'
    ? `U-Net ${Array.from({ length: net.depth }, (_, i) => net.width * 2 ** i).join('-')}`
    : `DnCNN ${net.depth} layers x ${net.width}`;
}
