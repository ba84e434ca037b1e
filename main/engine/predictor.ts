import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** A batch of images, NHWC. */
export type Shape4 = readonly [number, number, number, number];

/**
 * The network as a function, NHWC float32 values in and out, so the tile loop does not care what runs it:
 * tfjs here, or onnxruntime chosen by the task layer.
 */
export type Predictor = (input: Float32Array, shape: Shape4) => Promise<Float32Array>;

export function tfjsPredictor(net: tfl.LayersModel): Predictor {
  return async (input, shape) => {
    const out = tf.tidy(() => net.predict(tf.tensor4d(input, [...shape])) as tf.Tensor);
    try {
      return await out.data<'float32'>();
    } finally {
      out.dispose();
    }
  };
}
