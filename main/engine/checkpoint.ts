import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ModelMeta } from '../shared/model';

/** Encoded tensors: what the optimiser's state becomes on disk. */
export interface EncodedWeights {
  readonly specs: tf.io.WeightsManifestEntry[];
  readonly data: ArrayBuffer;
}

/** Everything a model folder holds; io writes and reads it, the engine never touches the disk. */
export interface Checkpoint {
  readonly meta: ModelMeta;
  readonly artifacts: tf.io.ModelArtifacts;
  readonly optimizer?: EncodedWeights;
}

export async function netArtifacts(net: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await net.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error('the network could not be serialised');
  return captured;
}

export async function netFromArtifacts(artifacts: tf.io.ModelArtifacts): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(tf.io.fromMemory(artifacts));
}

export async function encodeOptimizer(optimizer: tf.Optimizer): Promise<EncodedWeights> {
  const named = await optimizer.getWeights();
  const { data, specs } = await tf.io.encodeWeights(named);
  return { data, specs };
}

export async function restoreOptimizer(optimizer: tf.Optimizer, weights: EncodedWeights): Promise<void> {
  const decoded = tf.io.decodeWeights(weights.data, weights.specs);
  await optimizer.setWeights(weights.specs.map((spec) => ({ name: spec.name, tensor: decoded[spec.name]! })));
}
