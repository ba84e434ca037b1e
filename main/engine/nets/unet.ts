import * as tfl from '@tensorflow/tfjs-layers';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';
import { Rng } from '../random/rng';
import { inputGainsLayer, setInputGains } from './input-gains';

interface Builder {
  conv(x: SymbolicTensor, filters: number, name: string): SymbolicTensor;
}

function builder(seed: number): Builder {
  const rng = new Rng(seed);
  return {
    conv: (x, filters, name) =>
      tfl.layers
        .conv2d({
          filters,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          name,
          kernelInitializer: tfl.initializers.heNormal({ seed: rng.seed() }),
        })
        .apply(x) as SymbolicTensor,
  };
}

/**
 * U-Net (docs/design.md "Default network"): `depth` levels of width, 2 width, 4 width... channels; each level two
 * 3x3 conv + ReLU; 2x2 max-pool down; 2x2 stride-2 transposed conv + ReLU up, concatenated with the skip;
 * a 1x1 output convolution (zero at the start) added to the input. Height and width must be multiples of 2^(depth - 1).
 * `gains`: the body sees the input scaled per channel (input-gains.ts).
 */
export function buildUnet(
  channels: number,
  width: number,
  depth: number,
  seed: number,
  gains?: readonly number[],
): tfl.LayersModel {
  const b = builder(seed);
  const rng = new Rng(seed + 1);
  const input = tfl.input({ shape: [null, null, channels], name: 'noisy' });
  const skips: SymbolicTensor[] = [];
  let x = gains ? inputGainsLayer(input, channels) : input;
  for (let level = 0; level < depth; level++) {
    const filters = width * 2 ** level;
    x = b.conv(b.conv(x, filters, `down${level}_a`), filters, `down${level}_b`);
    if (level < depth - 1) {
      skips.push(x);
      x = tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `pool${level}` }).apply(x) as SymbolicTensor;
    }
  }
  for (let level = depth - 2; level >= 0; level--) {
    const filters = width * 2 ** level;
    x = tfl.layers
      .conv2dTranspose({
        filters,
        kernelSize: 2,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        name: `up${level}`,
        kernelInitializer: tfl.initializers.heNormal({ seed: rng.seed() }),
      })
      .apply(x) as SymbolicTensor;
    x = tfl.layers.concatenate({ axis: -1, name: `skip${level}` }).apply([x, skips[level]!]) as SymbolicTensor;
    x = b.conv(b.conv(x, filters, `up${level}_a`), filters, `up${level}_b`);
  }
  const residual = tfl.layers
    .conv2d({
      filters: channels,
      kernelSize: 1,
      name: 'residual',
      // Zero: the network starts as the identity and learns only the correction (docs/quality.md, zero initialisation).
      kernelInitializer: tfl.initializers.zeros(),
    })
    .apply(x) as SymbolicTensor;
  const output = tfl.layers.add({ name: 'denoised' }).apply([input, residual]) as SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: output, name: 'unet' });
  if (gains) setInputGains(model, gains);
  return model;
}
