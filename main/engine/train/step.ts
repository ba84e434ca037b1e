import * as tf from '@tensorflow/tfjs-core';
import { trainingLoss } from '../gr2r';
import { parallelStep } from '../parallel/parallel-step';
import type { BatchShape } from './gradients';
import { recorruptedPatches } from '../channel-repeats';
import { samplePatchBatch } from '../patches';
import { Rng } from '../random/rng';
import type { TrainContext } from './context';
import { learningRateAt } from './options';

/** Input and target of one batch, in the data's units: (y1, y2) for GR2R, (y, x) for supervised. */
export function batchPair(context: TrainContext, step: number): { input: Float32Array; target: Float32Array } {
  const { options, data, channels, patch, noise } = context;
  const rng = Rng.derive(options.seed, step);
  if (options.loss === 'supervised') {
    const [input, target] = samplePatchBatch(
      [data.train.map((d) => d.image), data.trainClean!.map((d) => d.image)],
      options.batch,
      patch,
      channels,
      rng,
    );
    return { input: input!, target: target! };
  }
  const { y1, y2 } = recorruptedPatches(
    noise,
    data.train.map((d) => d.image),
    options.batch,
    patch,
    channels,
    options.alpha,
    rng,
  );
  return { input: y1, target: y2 };
}

function localStep(
  context: TrainContext,
  input: Float32Array,
  target: Float32Array,
  shape: BatchShape,
): Promise<Float32Array> {
  const { options, net, optimizer, scale } = context;
  const variables = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const cost = tf.tidy(() => {
    const x = tf.div<tf.Tensor4D>(tf.tensor4d(input, shape), scale);
    const t = tf.div(tf.tensor4d(target, shape), scale);
    const scalar = optimizer.minimize(
      () => trainingLoss(options.loss, context.noise, x, net.apply(x) as tf.Tensor, t, context.channelWeights),
      true,
      variables,
    );
    if (!scalar) throw new Error('the optimiser returned no loss');
    return scalar;
  });
  return cost.data<'float32'>().finally(() => cost.dispose());
}

/** One Adam step on a fresh batch; returns the loss in the data's units (squared). */
export async function trainStep(context: TrainContext, step: number): Promise<number> {
  const { options, net, optimizer, patch, channels, scale, gradients } = context;
  const { input, target } = batchPair(context, step);
  const shape: BatchShape = [options.batch, patch, patch, channels];
  (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(options, step);
  const value = gradients
    ? await parallelStep(gradients, net, optimizer, input, target, shape)
    : (await localStep(context, input, target, shape))[0]!;
  if (!Number.isFinite(value))
    throw new Error(`training diverged at step ${step + 1} (loss ${value}); try a lower learning rate`);
  return options.loss === 'nll' ? value : value * scale * scale;
}
