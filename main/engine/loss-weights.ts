import * as tf from '@tensorflow/tfjs-core';

/**
 * Pixel weights of GR2R-MSE for noise whose spread grows with the signal. The target y2's noise has standard
 * deviation ∝ x^q (Poisson q = 1/2, Gamma q = 1), so bright pixels carry most of the gradient's noise;
 * w = ((m + floor) / (level + floor))^-q, m the mean of the input y1 over a window (per channel), evens that
 * out. The network works in units where the data's mean is 1/2 (`level`), where w = 1. w is a function of y1
 * alone, so the minimiser of E[w (f(y1) - y2)^2] is still E[y2 | y1] = E[x | y1] (docs/method.md §2): no bias, only
 * less gradient noise (docs/quality.md, "Weighting the loss"). The ONNX training graph builds the same weights
 * (onnx/train/loss-graph.ts).
 */
export const lossWeighting = { window: 7, floor: 0.02, level: 0.5 } as const;

/** The weights of a batch of network inputs [n, h, w, c] for noise growth q (> 0). */
export function pixelWeights(input: tf.Tensor4D, growth: number): tf.Tensor4D {
  const { window, floor, level } = lossWeighting;
  return tf.tidy(() => {
    const mean = tf.relu(tf.avgPool(input, window, 1, 'same'));
    return tf.pow(tf.div(tf.add(mean, floor), level + floor), -growth);
  });
}
