import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';

const layerName = 'input_gains';

/**
 * A trainable 1x1 convolution in front of the network's body, to start as the per-channel gains of setInputGains.
 * The body then sees each channel's noise at a like amplitude: a raw file's blue plane, with a third of green's noise
 * in the data's units, was otherwise not learned within the training budget (docs/files.md, issue 19). The skip
 * connection still adds the input as it is, so the network starts as the identity either way.
 */
export function inputGainsLayer(input: SymbolicTensor, channels: number): SymbolicTensor {
  return tfl.layers
    .conv2d({ filters: channels, kernelSize: 1, name: layerName, kernelInitializer: tfl.initializers.zeros() })
    .apply(input) as SymbolicTensor;
}

/** Sets the gains layer of a freshly built network to diag(gains), no bias. */
export function setInputGains(model: tfl.LayersModel, gains: readonly number[]): void {
  const c = gains.length;
  const kernel = new Float32Array(c * c);
  gains.forEach((g, k) => (kernel[k * c + k] = g));
  tf.tidy(() => model.getLayer(layerName).setWeights([tf.tensor4d(kernel, [1, 1, c, c]), tf.zeros([c])]));
}
