import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { flatten, unflatten } from './flat-weights';
import { meanOf, splitBatch } from './shards';
import type { BatchShape, GradientWorkers } from '../train/gradients';

/**
 * One optimiser step with the gradients computed by the workers, one equal shard each: the same step as
 * `optimizer.minimize` on the whole batch, up to float rounding. The optimiser and its state stay here.
 * Returns the batch's mean loss in the network's (scaled) units.
 */
export async function parallelStep(
  workers: GradientWorkers,
  net: tfl.LayersModel,
  optimizer: tf.Optimizer,
  input: Float32Array,
  target: Float32Array,
  shape: BatchShape,
): Promise<number> {
  const variables = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const weights = flatten(variables);
  const count = workers.computers.length;
  // One computer (onnxruntime's, on every core): the batch as it is, and its gradients as they come (a copy and a
  // mean of 466,595 values less a step for the default U-Net).
  const inputs = count === 1 ? [input] : splitBatch(input, shape, count);
  const targets = count === 1 ? [target] : splitBatch(target, shape, count);
  const shard: BatchShape = [shape[0] / count, shape[1], shape[2], shape[3]];
  const results = await Promise.all(
    workers.computers.map((compute, k) => compute(weights, inputs[k]!, targets[k]!, shard)),
  );
  const gradients = count === 1 ? results[0]!.gradients : meanOf(results.map((r) => r.gradients));
  tf.tidy(() => {
    const tensors = unflatten(variables, gradients);
    // In trainable-weight order, as minimize() gives them: Adam keeps its moments by position.
    optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: tensors[i]! })));
  });
  return results.reduce((sum, r) => sum + r.loss, 0) / count;
}
