import type { io } from '@tensorflow/tfjs-core';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { EncodedWeights } from '../engine/checkpoint';
import { asFileError, FileError } from './file-error';
import { expectedWeightBytes, MODEL_FILES, type ModelFolder } from './model-files';

async function leftovers(dir: string): Promise<string> {
  const prefix = `.${basename(dir)}.`;
  const found = await readdir(dirname(dir)).then(
    (names) => names.filter((n) => n.startsWith(prefix)),
    () => [],
  );
  return found.length > 0 ? `; an interrupted save left ${found.join(', ')} beside it` : '';
}

async function readOptional(dir: string, name: string): Promise<Buffer | undefined> {
  try {
    return await readFile(join(dir, name));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw asFileError(join(dir, name), error);
  }
}

async function readRequired(dir: string, name: string): Promise<Buffer> {
  const bytes = await readOptional(dir, name);
  if (bytes === undefined) throw new FileError(dir, `${name} is missing`);
  return bytes;
}

function arrayBufferOf(bytes: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}

function parseJson(dir: string, name: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new FileError(dir, `${name} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

function checkSize(dir: string, name: string, bytes: Buffer, specs: readonly io.WeightsManifestEntry[]): void {
  const expected = expectedWeightBytes(specs);
  if (expected !== undefined && expected !== bytes.length) {
    throw new FileError(
      dir,
      `${name} is ${bytes.length} bytes but ${expected} are expected: it is truncated or from another model`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readArtifacts(dir: string): Promise<io.ModelArtifacts> {
  const json = parseJson(dir, MODEL_FILES.topology, await readRequired(dir, MODEL_FILES.topology));
  if (!isObject(json) || !isObject(json.modelTopology) || !Array.isArray(json.weightsManifest)) {
    throw new FileError(
      dir,
      `${MODEL_FILES.topology} is not a TensorFlow.js layers model (no modelTopology or weightsManifest)`,
    );
  }
  const manifest = json.weightsManifest as io.WeightsManifestConfig;
  const paths = manifest.flatMap((group) => group.paths);
  if (paths.length !== 1 || paths[0] !== MODEL_FILES.weights) {
    throw new FileError(dir, `${MODEL_FILES.topology} must name one weights file, ${MODEL_FILES.weights}`);
  }
  const weightSpecs = manifest.flatMap((group) => group.weights);
  const weights = await readRequired(dir, MODEL_FILES.weights);
  checkSize(dir, MODEL_FILES.weights, weights, weightSpecs);
  const { weightsManifest: _, ...rest } = json as unknown as io.ModelJSON;
  return { ...rest, weightSpecs, weightData: arrayBufferOf(weights) };
}

async function readOptimizer(dir: string): Promise<EncodedWeights | undefined> {
  const specsFile = await readOptional(dir, MODEL_FILES.optimizer);
  const data = await readOptional(dir, MODEL_FILES.optimizerWeights);
  if (!specsFile && !data) return undefined;
  if (!specsFile || !data) {
    const [there, missing] = specsFile
      ? [MODEL_FILES.optimizer, MODEL_FILES.optimizerWeights]
      : [MODEL_FILES.optimizerWeights, MODEL_FILES.optimizer];
    throw new FileError(dir, `${there} is there but ${missing} is missing`);
  }
  const json = parseJson(dir, MODEL_FILES.optimizer, specsFile);
  if (!isObject(json) || !Array.isArray(json.specs))
    throw new FileError(dir, `${MODEL_FILES.optimizer} has no weight specs`);
  const specs = json.specs as io.WeightsManifestEntry[];
  checkSize(dir, MODEL_FILES.optimizerWeights, data, specs);
  return { specs, data: arrayBufferOf(data) };
}

/**
 * Reads a model folder written by saveModel, checking that every file is there and whole.
 * `parseMeta` validates gr2r.json (a schema's parse); its error is reported against the folder.
 */
export async function loadModel<Meta = unknown>(
  dir: string,
  parseMeta?: (json: unknown) => Meta,
): Promise<ModelFolder<Meta>> {
  const isFolder = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new FileError(dir, `no model folder here${await leftovers(dir)}`);
  const metaJson = parseJson(dir, MODEL_FILES.meta, await readRequired(dir, MODEL_FILES.meta));
  let meta: Meta;
  try {
    meta = parseMeta ? parseMeta(metaJson) : (metaJson as Meta);
  } catch (error) {
    throw new FileError(dir, `${MODEL_FILES.meta} is not valid model metadata (${(error as Error).message})`, {
      cause: error,
    });
  }
  const artifacts = await readArtifacts(dir);
  const optimizer = await readOptimizer(dir);
  return optimizer ? { artifacts, meta, optimizer } : { artifacts, meta };
}
