import * as tf from '@tensorflow/tfjs-core';
import { trainingLoss } from '../gr2r';
import { samplePatchBatch } from '../patches';
import { Rng } from '../random/rng';
import type { TrainContext } from './context';
import { learningRateAt } from './options';

/** Input and target of one batch, in the data's units: (y1, y2) for GR2R, (y, x) for supervised. */
export function batchPair(context: TrainContext, step: number): { input: Float32Array; target: Float32Array } {
  const { options, data, channels, patch, noise } = context;
  const rng = Rng.derive(options.seed, step);
  if (options.loss === 'supervised') {
    const [input, target] = samplePatchBatch([data.train.map((d) => d.image), data.trainClean!.map((d) => d.image)], options.batch, patch, channels, rng);
    return { input: input!, target: target! };
  }
  const [y] = samplePatchBatch([data.train.map((d) => d.image)], options.batch, patch, channels, rng);
  const { y1, y2 } = noise.recorrupt(y!, options.alpha, rng);
  return { input: y1, target: y2 };
}

/** One Adam step on a fresh batch; returns the loss in the data's units (squared). */
export async function trainStep(context: TrainContext, step: number): Promise<number> {
  const { options, net, optimizer, patch, channels, scale } = context;
  const { input, target } = batchPair(context, step);
  const shape: [number, number, number, number] = [options.batch, patch, patch, channels];
  (optimizer as unknown as { learningRate: number }).learningRate = learningRateAt(options, step);
  const variables = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const cost = tf.tidy(() => {
    const x = tf.div(tf.tensor4d(input, shape), scale);
    const t = tf.div(tf.tensor4d(target, shape), scale);
    const scalar = optimizer.minimize(() => trainingLoss(options.loss, context.noise, net.apply(x) as tf.Tensor, t), true, variables);
    if (!scalar) throw new Error('the optimiser returned no loss');
    return scalar;
  });
  const value = (await cost.data())[0]!;
  cost.dispose();
  if (!Number.isFinite(value)) throw new Error(`training diverged at step ${step + 1} (loss ${value}); try a lower learning rate`);
  return options.loss === 'nll' ? value : value * scale * scale;
}
