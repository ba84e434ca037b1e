import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildNet } from '.';
import type { NetConfig } from './config';

/**
 * A one-channel network that computes exactly the mean over channels of `colour`'s output on a gray image repeated
 * into its channels (how a gray image is trained in a colour model, docs/method.md): the input convolutions'
 * kernels summed over their input channels, the output convolutions' kernels and biases averaged over their outputs.
 * The residual input is the gray value itself, which equals the mean of its copies.
 */
export function foldToGray(colour: tfl.LayersModel, net: NetConfig, channels: number): tfl.LayersModel {
  const gray = buildNet(net, 1, 0);
  try {
    for (const layer of gray.layers) {
      const source = colour.getLayer(layer.name).getWeights();
      const target = layer.getWeights();
      if (source.length !== target.length) throw new Error(`layer ${layer.name} differs from the colour network's`);
      const folded = tf.tidy(() => source.map((w, i) => foldWeight(w, target[i]!.shape, channels)));
      layer.setWeights(folded);
      tf.dispose(folded);
    }
    return gray;
  } catch (error) {
    gray.dispose();
    throw error;
  }
}

/** A kernel [h, w, in, out] or bias [out] brought to `shape`: sum over the input channels, mean over the outputs. */
function foldWeight(weight: tf.Tensor, shape: readonly number[], channels: number): tf.Tensor {
  let w = weight;
  const rank = w.shape.length;
  if (rank === 4 && w.shape[2] === channels && shape[2] === 1) w = tf.sum(w, 2, true);
  const out = rank - 1;
  if (w.shape[out] === channels && shape[out] === 1) w = tf.mean(w, out, true);
  if (!tf.util.arraysEqual(w.shape, [...shape]))
    throw new Error(`weights of shape ${weight.shape.join('x')} cannot become ${shape.join('x')}`);
  // Fresh data: getWeights returns the colour network's own variables, which must outlive the fold, and a reshaped
  // result shares the data of its source, whose shape the wasm kernels read (a bias of rank 0 after the mean).
  return tf.tensor(w.dataSync(), shape as number[]);
}
