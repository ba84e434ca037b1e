import type * as tfl from '@tensorflow/tfjs-layers';
import type { NetConfig } from './config';
import { buildDncnn } from './dncnn';
import { buildUnet } from './unet';

/** `gains`: the body sees the input scaled per channel (input-gains.ts); without, as it is. */
export function buildNet(net: NetConfig, channels: number, seed: number, gains?: readonly number[]): tfl.LayersModel {
  return net.kind === 'unet'
    ? buildUnet(channels, net.width, net.depth, seed, gains)
    : buildDncnn(channels, net.width, net.depth, seed, gains);
}

export * from './config';
export * from './receptive-field';
export * from './flops';
