import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeOptimizer, netArtifacts, netFromArtifacts } from '../../main/engine/checkpoint';
import { loadModel, MODEL_FILES, saveModel } from '../../main/io';
import { tempFolder } from './helpers';

let dir: string;
let net: tfl.LayersModel;
const meta = { format: 'gr2r-model', step: 7, noise: { family: 'gaussian', sigma: 0.1 } };

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await tempFolder();
  const input = tfl.input({ shape: [8, 8, 1] });
  const output = tfl.layers
    .conv2d({ filters: 2, kernelSize: 3, padding: 'same', activation: 'relu' })
    .apply(input) as tfl.SymbolicTensor;
  net = tfl.model({
    inputs: input,
    outputs: tfl.layers.conv2d({ filters: 1, kernelSize: 1 }).apply(output) as tfl.SymbolicTensor,
  });
});

async function predict(model: tfl.LayersModel): Promise<number[]> {
  const x = tf.reshape(tf.linspace(0, 1, 64), [1, 8, 8, 1]);
  return Array.from(await (model.predict(x) as tf.Tensor).data());
}

async function optimizerState(): Promise<Awaited<ReturnType<typeof encodeOptimizer>>> {
  const optimizer = tf.train.adam(0.01);
  const x = tf.ones([1, 8, 8, 1]);
  optimizer.minimize(
    () => tf.mean(tf.square(net.apply(x) as tf.Tensor)) as tf.Scalar,
    false,
    net.trainableWeights.map((w) => w.read() as tf.Variable),
  );
  return encodeOptimizer(optimizer);
}

describe('model folders', () => {
  it('save and load back: same predictions, same metadata, optimizer state kept', async () => {
    const target = join(dir, 'model');
    const optimizer = await optimizerState();
    await saveModel(target, await netArtifacts(net), meta, optimizer);
    expect((await readdir(target)).sort()).toEqual(Object.values(MODEL_FILES).sort());
    const loaded = await loadModel(target);
    expect(loaded.meta).toEqual(meta);
    expect(await predict(await netFromArtifacts(loaded.artifacts))).toEqual(await predict(net));
    expect(loaded.optimizer?.specs).toEqual(optimizer.specs);
    expect(new Uint8Array(loaded.optimizer!.data)).toEqual(new Uint8Array(optimizer.data));
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('never replaces an existing folder unless asked, and then only a model folder', async () => {
    const target = join(dir, 'run');
    const artifacts = await netArtifacts(net);
    await saveModel(target, artifacts, { ...meta, step: 1 });
    await expect(saveModel(target, artifacts, meta)).rejects.toThrow(`${target}: the folder exists`);
    await saveModel(target, artifacts, { ...meta, step: 2 }, undefined, { overwrite: true });
    expect((await loadModel(target)).meta).toMatchObject({ step: 2 });
    const ownRun = (existing: unknown): boolean => (existing as { seed?: number }).seed === 5;
    await saveModel(target, artifacts, { ...meta, seed: 5, step: 3 }, undefined, { overwrite: true });
    await saveModel(target, artifacts, { ...meta, seed: 5, step: 4 }, undefined, { overwrite: ownRun });
    await expect(
      saveModel(target, artifacts, { ...meta, seed: 6 }, undefined, {
        overwrite: (e) => (e as { seed?: number }).seed === 6,
      }),
    ).rejects.toThrow(/holds another model \(another run\)/);
    expect((await loadModel(target)).meta).toMatchObject({ seed: 5, step: 4 });
    const photos = join(dir, 'photos');
    await saveModel(photos, artifacts, meta);
    await rm(join(photos, MODEL_FILES.meta));
    await writeFile(join(photos, 'holiday.jpg'), 'x');
    await expect(saveModel(photos, artifacts, meta, undefined, { overwrite: true })).rejects.toThrow(
      /holds no gr2r\.json; it will not be replaced/,
    );
  });

  it('loading names the folder and the missing or corrupt file', async () => {
    const target = join(dir, 'broken');
    const artifacts = await netArtifacts(net);
    await saveModel(target, artifacts, meta, await optimizerState());
    const check = async (damage: () => Promise<void>, message: RegExp): Promise<void> => {
      await rm(target, { recursive: true, force: true });
      await saveModel(target, artifacts, meta, await optimizerState());
      await damage();
      await expect(loadModel(target)).rejects.toThrow(message);
    };
    await check(
      () => truncate(join(target, MODEL_FILES.weights), 10),
      /broken: weights\.bin is 10 bytes but \d+ are expected/,
    );
    await check(() => rm(join(target, MODEL_FILES.topology)), /broken: model\.json is missing/);
    await check(() => writeFile(join(target, MODEL_FILES.meta), '{"step": '), /broken: gr2r\.json is not valid JSON/);
    await check(
      () => rm(join(target, MODEL_FILES.optimizer)),
      /broken: optimizer\.bin is there but optimizer\.json is missing/,
    );
    await expect(loadModel(join(dir, 'nowhere'))).rejects.toThrow(/nowhere: no model folder here/);
    await expect(
      loadModel(target, () => {
        throw new Error('step must be a number');
      }),
    ).rejects.toThrow(/gr2r\.json is not valid model metadata \(step must be/);
  });
});
