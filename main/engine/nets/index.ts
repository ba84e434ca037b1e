import type * as tfl from '@tensorflow/tfjs-layers';
import type { NetConfig } from './config';
import { buildDncnn } from './dncnn';
import { buildUnet } from './unet';

export function buildNet(net: NetConfig, channels: number, seed: number): tfl.LayersModel {
  return net.kind === 'unet'
    ? buildUnet(channels, net.width, net.depth, seed)
    : buildDncnn(channels, net.width, net.depth, seed);
}

export * from './config';
export * from './receptive-field';
export * from './flops';
