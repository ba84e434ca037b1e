import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initBackend } from '../../engine/backend';
import { defaultDenoiseOptions } from '../../engine/denoise';
import { denoiseImage } from '../../engine/denoise-image';
import { readImage } from '../../io';
import { cropImage, displayRange, encodeDisplayPng } from '../../tasks/display-image';
import { squareValues, toAmplitude } from '../../tasks/sar-units';
import type { LoadedModel } from '../../tasks/model';
import { openModel } from '../../tasks/model';
import type { WorkerResult, WorkerTask } from '../messages';
import type { TaskContext } from '../task-context';

let cached: { key: string; model: LoadedModel } | undefined;

/** The model of the last preview is kept: a user previews several crops with the same one. */
async function modelFor(dir: string): Promise<LoadedModel> {
  const key = `${dir}@${(await stat(join(dir, 'weights.bin'))).mtimeMs}`;
  if (cached?.key === key) return cached.model;
  cached?.model.net.dispose();
  cached = undefined;
  const model = await openModel(dir);
  cached = { key, model };
  return model;
}

let counter = 0;

/**
 * Denoises only the crop the user looks at, and writes it as a PNG shown with the full input's display
 * range, so that it lines up with the "before" image served by main.
 */
export async function runPreview(task: Extract<WorkerTask, { kind: 'preview' }>, context: TaskContext): Promise<WorkerResult<'preview'>> {
  const started = performance.now();
  await initBackend(context.backend);
  const { net, meta } = await modelFor(task.model);
  const { image, source } = await readImage(task.file);
  const { image: crop, region } = cropImage(image, task.crop);
  const mc = meta.loss === 'supervised' ? 0 : task.mc;
  const amplitude = meta.sar?.amplitude ?? false;
  if (amplitude) squareValues(crop.data);
  const result = await denoiseImage(net, meta, crop, { ...defaultDenoiseOptions, mc, signal: context.signal });
  if (amplitude) toAmplitude(result.data);
  const png = await encodeDisplayPng(result, displayRange(image, source.bitDepth));
  const after = join(task.out, `preview-${process.pid}-${Date.now()}-${++counter}.png`);
  await writeFile(after, png);
  return { after, crop: region, ms: performance.now() - started };
}
