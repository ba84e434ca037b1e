import * as tfl from '@tensorflow/tfjs-layers';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';
import { Rng } from '../random/rng';
import { inputGainsLayer, setInputGains } from './input-gains';

/**
 * DnCNN without batch norm: `depth` 3x3 convolutions (ReLU between), the last one's output added to the input.
 * `gains`: the convolutions see the input scaled per channel (input-gains.ts).
 */
export function buildDncnn(
  channels: number,
  width: number,
  depth: number,
  seed: number,
  gains?: readonly number[],
): tfl.LayersModel {
  const rng = new Rng(seed);
  const input = tfl.input({ shape: [null, null, channels], name: 'noisy' });
  let x = gains ? inputGainsLayer(input, channels) : input;
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
  const model = tfl.model({ inputs: input, outputs: output, name: 'dncnn' });
  if (gains) setInputGains(model, gains);
  return model;
}
