import type { io } from '@tensorflow/tfjs-core';
import type { EncodedWeights } from '../engine/checkpoint';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFolderAtomic } from './atomic-folder';
import { asFileError } from './file-error';
import { expectedWeightBytes, MODEL_FILES, weightBytes } from './model-files';

function jsonBytes(value: unknown, what: string): Uint8Array {
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) throw new Error(`${what} is not JSON data`);
  return new TextEncoder().encode(`${text}\n`);
}

/** tfjs's model.json (its own helper for this is not exported). */
function modelJson(artifacts: io.ModelArtifacts, weightsManifest: io.WeightsManifestConfig): io.ModelJSON {
  const { modelTopology, format, generatedBy, convertedBy, trainingConfig, signature, userDefinedMetadata } = artifacts;
  if (!modelTopology || modelTopology instanceof ArrayBuffer)
    throw new Error('the model topology is missing or binary');
  return {
    modelTopology,
    weightsManifest,
    ...(format !== undefined && { format }),
    ...(generatedBy !== undefined && { generatedBy }),
    ...(convertedBy !== undefined && { convertedBy }),
    ...(trainingConfig !== undefined && { trainingConfig }),
    ...(signature !== undefined && { signature }),
    ...(userDefinedMetadata !== undefined && { userDefinedMetadata }),
  };
}

function modelFiles(artifacts: io.ModelArtifacts, meta: unknown): Map<string, Uint8Array[]> {
  if (!artifacts.weightSpecs) throw new Error('the model artifacts have no weight specs');
  const weights = weightBytes(artifacts.weightData);
  const expected = expectedWeightBytes(artifacts.weightSpecs);
  if (expected !== undefined && expected !== weights.length) {
    throw new Error(`the model's weights are ${weights.length} bytes, its specs describe ${expected}`);
  }
  const manifest: io.WeightsManifestConfig = [{ paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs }];
  const topology = modelJson(artifacts, manifest);
  return new Map([
    [MODEL_FILES.weights, [weights]],
    [MODEL_FILES.topology, [jsonBytes(topology, 'the model topology')]],
    [MODEL_FILES.meta, [jsonBytes(meta, 'the model metadata')]],
  ]);
}

export interface SaveModelOptions {
  /**
   * Replace an existing model folder: `true` always, or only when this test of its gr2r.json
   * passes (a run replacing its own checkpoint and never another run's).
   */
  readonly overwrite?: boolean | ((existingMeta: unknown) => boolean);
}

async function mayReplace(dir: string, overwrite: SaveModelOptions['overwrite']): Promise<boolean> {
  if (typeof overwrite !== 'function') return overwrite ?? false;
  const text = await readFile(join(dir, MODEL_FILES.meta), 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  let existing: unknown;
  try {
    existing = JSON.parse(text);
  } catch {
    return false;
  }
  if (!overwrite(existing)) throw new Error('the folder holds another model (another run); it will not be replaced');
  return true;
}

/**
 * Saves a model folder: model.json + weights.bin (tfjs layout, loadable by tf.loadLayersModel),
 * gr2r.json (`meta`, as JSON) and, for checkpoints, optimizer.json + optimizer.bin.
 * The folder appears whole or not at all; an existing one is replaced only with `overwrite`
 * (and only if it is a model folder).
 */
export async function saveModel(
  dir: string,
  artifacts: io.ModelArtifacts,
  meta: unknown,
  optimizer?: EncodedWeights,
  options: SaveModelOptions = {},
): Promise<string> {
  try {
    const files = modelFiles(artifacts, meta);
    if (optimizer) {
      files.set(MODEL_FILES.optimizer, [
        jsonBytes({ format: 'gr2r-optimizer', specs: optimizer.specs }, 'the optimizer specs'),
      ]);
      files.set(MODEL_FILES.optimizerWeights, [new Uint8Array(optimizer.data)]);
    }
    await writeFolderAtomic(dir, files, MODEL_FILES.meta, { overwrite: await mayReplace(dir, options.overwrite) });
    return dir;
  } catch (error) {
    throw asFileError(dir, error);
  }
}
