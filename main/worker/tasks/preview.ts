import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initBackend } from '../../engine/backend';
import { defaultDenoiseOptions } from '../../engine/denoise';
import type { ImageF32 } from '../../engine/image';
import { windowEnl } from '../../engine/sar/window-enl';
import { readImage } from '../../io';
import { DEFAULT_AMOUNT } from '../../shared/amount';
import { displayStretches, type DisplayStretch } from '../../shared/display-stretch';
import type { DisplayRange } from '../../tasks/preview/display-image';
import { cropImage, displayRange, encodeDisplayPng } from '../../tasks/preview/display-image';
import { atAmount, denoiseInFileUnits } from '../../tasks/denoise/denoise-pixels';
import { rawPreviewCrop } from '../../tasks/preview/raw-preview-crop';
import type { LoadedModel } from '../../tasks/model';
import { openModel } from '../../tasks/model';
import type { WorkerResult, WorkerTask } from '../../shared/worker-messages';
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

interface DenoisedCrop {
  readonly key: string;
  readonly crop: ImageF32;
  readonly denoised: ImageF32;
  readonly region: WorkerResult<'preview'>['crop'];
  /** The whole input's display range under each stretch (a few quantiles: the image itself is not kept). */
  readonly ranges: Readonly<Record<DisplayStretch, DisplayRange>>;
  /** SAR speckle: the ENL of the crop's intensity (the result's is measured at the amount shown). */
  readonly speckle?: { readonly enlBefore: number; readonly intensity: (image: ImageF32) => ImageF32 };
  /** Camera raw: the crop is of planes, shown through the viewer's full-size look (raw-preview-crop.ts). */
  readonly toScreen?: (image: ImageF32) => ImageF32;
}

/** The last denoised crop, unblended: moving the Amount slider re-blends it instead of denoising again. */
let lastCrop: DenoisedCrop | undefined;

let counter = 0;

async function denoisedCrop(
  task: Extract<WorkerTask, { kind: 'preview' }>,
  context: TaskContext,
): Promise<DenoisedCrop> {
  const { net, meta } = await modelFor(task.model);
  const fileStamp = (await stat(task.file)).mtimeMs;
  const key = JSON.stringify([cached?.key, task.file, fileStamp, task.crop, task.mc, task.tile]);
  if (lastCrop?.key === key) return lastCrop;
  const { image, source } = await readImage(task.file);
  const raw = source.format === 'dng' ? rawPreviewCrop(image, source.rawColour, task.crop) : undefined;
  const { image: crop, region } = raw
    ? { image: cropImage(image, raw.planes).image, region: raw.region }
    : cropImage(image, task.crop);
  const mc = meta.loss === 'supervised' ? 0 : task.mc;
  const options = {
    ...defaultDenoiseOptions,
    mc,
    tile: task.tile ?? defaultDenoiseOptions.tile,
    signal: context.signal,
  };
  const { denoised } = await denoiseInFileUnits(net, meta, crop, options, meta.sar?.amplitude ?? false);
  // Intensity, as the model's speckle is: amplitude files are squared first.
  const intensity = (im: ImageF32) => (meta.sar?.amplitude ? { ...im, data: im.data.map((v) => v * v) } : im);
  const speckle = meta.noise.family === 'gamma' ? { enlBefore: windowEnl(intensity(crop)), intensity } : undefined;
  const ranges = Object.fromEntries(
    displayStretches.map((s) => [s, displayRange(image, source.bitDepth, s)]),
  ) as Record<DisplayStretch, DisplayRange>;
  lastCrop = {
    key,
    crop,
    denoised,
    region,
    ranges,
    ...(speckle && { speckle }),
    ...(raw && { toScreen: raw.toScreen }),
  };
  return lastCrop;
}

/**
 * Denoises only the crop the user looks at, blends it at the amount exactly as an export does (denoise-pixels.ts),
 * and writes it as a PNG shown with the full input's display range, so that it lines up with the "before" image.
 * With a speckle model, the ENL before and after, the result's as shown and as it would be written (at the amount).
 */
export async function runPreview(
  task: Extract<WorkerTask, { kind: 'preview' }>,
  context: TaskContext,
): Promise<WorkerResult<'preview'>> {
  const started = performance.now();
  await initBackend(context.backend);
  const shown = await denoisedCrop(task, context);
  const blended = atAmount(shown.crop, shown.denoised, task.amount ?? DEFAULT_AMOUNT);
  const png = await encodeDisplayPng(shown.toScreen?.(blended) ?? blended, shown.ranges[task.stretch ?? 'auto']);
  const after = join(task.out, `preview-${process.pid}-${Date.now()}-${++counter}.png`);
  await writeFile(after, png);
  const enl = shown.speckle && { before: shown.speckle.enlBefore, after: windowEnl(shown.speckle.intensity(blended)) };
  const measured = enl && Number.isFinite(enl.before) && Number.isFinite(enl.after);
  return { after, crop: shown.region, ms: performance.now() - started, ...(measured && { enl }) };
}
