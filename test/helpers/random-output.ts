import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * A freshly built network starts as the identity (its output convolution is zero), which would make any two ways
 * of running it agree trivially: give the zero kernels small random values, leaving every other weight as built.
 */
export function withRandomOutput<T extends tfl.LayersModel>(net: T, seed: number): T {
  const weights = net.getWeights();
  net.setWeights(
    weights.map((w, i) =>
      w.rank === 4 && tf.tidy(() => tf.all(tf.equal(w, 0)).dataSync()[0] === 1)
        ? tf.randomNormal(w.shape, 0, 0.05, 'float32', seed + i)
        : w,
    ),
  );
  return net;
}
