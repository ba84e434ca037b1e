import * as tfl from '@tensorflow/tfjs-layers';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';
import { Rng } from '../random/rng';

/** DnCNN without batch norm: `depth` 3x3 convolutions (ReLU between), the last one's output added to the input. */
export function buildDncnn(channels: number, width: number, depth: number, seed: number): tfl.LayersModel {
  const rng = new Rng(seed);
  const input = tfl.input({ shape: [null, null, channels], name: 'noisy' });
  let x = input;
  for (let i = 0; i < depth; i++) {
    const last = i === depth - 1;
    x = tfl.layers
      .conv2d({
        filters: last ? channels : width,
        kernelSize: 3,
        padding: 'same',
        name: `conv${i}`,
        activation: last ? 'linear' : 'relu',
        // The last layer starts at zero: the network starts as the identity (see unet.ts).
        kernelInitializer: last ? tfl.initializers.zeros() : tfl.initializers.heNormal({ seed: rng.seed() }),
      })
      .apply(x) as SymbolicTensor;
  }
  const output = tfl.layers.add({ name: 'denoised' }).apply([input, x]) as SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output, name: 'dncnn' });
}
