import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { netFromArtifacts } from '../checkpoint';
import { trainingLoss } from '../gr2r';
import type { NoiseModel } from '../noise';
import { noiseModel } from '../noise';
import { assignFlat, flatten } from './flat-weights';
import type { BatchShape, ShardGradients, ShardSetup } from '../train/gradients';

function gradientOf(grads: tf.NamedTensorMap, variable: tf.Variable): tf.Tensor {
  const g = grads[variable.name];
  if (!g) throw new Error(`the loss has no gradient for ${variable.name}`);
  return g;
}

/** The worker's side: a copy of the network that turns (weights, shard) into the shard's loss and gradients. */
export class ShardModel {
  private constructor(
    private readonly setup: ShardSetup,
    private readonly net: tfl.LayersModel,
    private readonly noise: NoiseModel,
    private readonly variables: tf.Variable[],
  ) {}

  static async create(setup: ShardSetup): Promise<ShardModel> {
    const net = await netFromArtifacts(setup.artifacts);
    const variables = net.trainableWeights.map((w) => w.read() as tf.Variable);
    return new ShardModel(setup, net, noiseModel(setup.noise), variables);
  }

  compute(weights: Float32Array, input: Float32Array, target: Float32Array, shape: BatchShape): ShardGradients {
    assignFlat(this.variables, weights);
    const { loss, scale, channelWeights } = this.setup;
    const { value, grads } = tf.tidy(() => {
      const x = tf.div<tf.Tensor4D>(tf.tensor4d(input, shape), scale);
      const t = tf.div(tf.tensor4d(target, shape), scale);
      return tf.variableGrads(
        () => trainingLoss(loss, this.noise, x, this.net.apply(x) as tf.Tensor, t, channelWeights),
        this.variables,
      );
    });
    try {
      const gradients = flatten(this.variables.map((v) => gradientOf(grads, v)));
      return { loss: value.dataSync()[0]!, gradients };
    } finally {
      tf.dispose([value, ...Object.values(grads)]);
    }
  }

  dispose(): void {
    this.net.dispose();
  }
}
