import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import type { Checkpoint } from '../../main/engine/checkpoint';
import { netArtifacts } from '../../main/engine/checkpoint';
import { buildNet } from '../../main/engine/nets';
import { onnxType } from '../../main/engine/onnx/schema';
import type { ModelMeta } from '../../main/shared/model';
import { saveOnnxBeside } from '../../main/runtime/predictor-onnx-file';
import { withRandomOutput } from '../helpers/random-output';
import { testMeta } from './helpers';

const meta: ModelMeta = testMeta(
  { family: 'gaussian', sigma: 0.1 },
  1,
  { kind: 'dncnn', width: 4, depth: 2 },
  { scale: 0.5 },
);

let dir: string;
let checkpoint: Checkpoint;
beforeAll(async () => {
  await initBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'gr2r-onnx-'));
  checkpoint = { meta, artifacts: await netArtifacts(withRandomOutput(buildNet(meta.net, 1, 1), 1)) };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('model.onnx beside a trained model', () => {
  it('is written, loads in onnxruntime and carries the scale', async () => {
    const notes: string[] = [];
    await saveOnnxBeside(dir, checkpoint, (m) => notes.push(m));
    expect(notes).toEqual([]);
    expect(await readdir(dir)).toEqual(['model.onnx']);
    const bytes = await readFile(join(dir, 'model.onnx'));
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['noisy']);
    await session.release();
    const model = onnxType('ModelProto').toObject(onnxType('ModelProto').decode(bytes)) as {
      metadata_props: { key: string; value: string }[];
    };
    expect(model.metadata_props).toContainEqual({ key: 'scale', value: '0.5' });
  });

  it('is a note, not a failure, when the network does not export', async () => {
    const notes: string[] = [];
    const broken = { ...checkpoint, artifacts: { ...checkpoint.artifacts, weightSpecs: [] } };
    await saveOnnxBeside(join(dir, 'other'), broken, (m) => notes.push(m));
    expect(notes).toEqual(['model.onnx not written: layer conv0 has no weight kernel']);
  });
});
