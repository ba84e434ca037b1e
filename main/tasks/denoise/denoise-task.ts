import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { OutputFormat } from '../../shared/output-format';
import { BatchOutputs } from './batch-outputs';
import { writeOptionsFor } from './output-format';
import type { BackendName, BackendReport } from '../../engine/backend';
import { initBackend } from '../../engine/backend';
import { defaultDenoiseOptions } from '../../engine/denoise';
import type { Predictor } from '../../engine/predictor';
import { keptNoiseWarning } from '../../engine/kept-noise';
import { readImage, writeImage } from '../../io';
import type { DenoiseProgress, FileFailure } from '../../shared/jobs';
import type { BandChoice } from './band-path';
import { denoiseFileInBands, wantsBands } from './band-path';
import { listImages } from '../dataset';
import { fileFailure, NoFileLeft } from '../each-file';
import { prepareOutputFolder } from './prepare-output';
import type { SarOptions } from './denoise-band';
import { DEFAULT_AMOUNT } from '../../shared/amount';
import { atAmount, denoiseInFileUnits } from './denoise-pixels';
import type { RatioSummary } from './ratio-image';
import type { LoadedModel } from '../model';
import type { ModelMeta } from '../../shared/model';
import { openModel } from '../model';
import type { InferenceEngine } from '../../runtime/predictor';
import { choosePredictor, describePredictor } from '../../runtime/predictor';

export interface DenoiseTaskInput {
  readonly model: string;
  readonly input: string;
  readonly output: string;
  /** Monte Carlo samples; defaults to 5 for GR2R models and is 0 (one pass on y) for supervised ones. */
  readonly mc?: number;
  /** Spread the Monte Carlo passes over the tile's flips (default denoiseDefaults.flips); off for measuring it. */
  readonly flips?: boolean;
  readonly seed?: number;
  readonly tile?: number;
  readonly overwrite?: boolean;
  /** Format and depth of every output (default: each input's own). */
  readonly format?: OutputFormat;
  /** Include sub-folders; the output folder mirrors the tree. */
  readonly recursive?: boolean;
  /** Denoise again files whose output already exists (into new numbered names; replaced with `overwrite`). */
  readonly redo?: boolean;
  readonly backend?: BackendName;
  /** What runs the network: 'auto' (default) is onnxruntime when available, else tfjs on the backend. */
  readonly inference?: 'auto' | InferenceEngine;
  /** SAR data: amplitude (default: as the model was trained), dB output, ratio image. */
  readonly sar?: SarOptions;
  /** Strength in percent (default 100): original + amount/100 (denoised - original), in the file's units. */
  readonly amount?: number;
  /** Big images (and SAR or no-data files) go band by band, reading and writing as they go. */
  readonly bands?: BandChoice;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DenoiseProgress) => void;
}

export interface DenoiseTaskResult {
  readonly written: readonly {
    input: string;
    output: string;
    notes: readonly string[];
    ratio?: RatioSummary & { file: string };
  }[];
  readonly failures: readonly FileFailure[];
  /** Inputs skipped because their output already exists (and is not older than the input), with that output. */
  readonly skipped: readonly { input: string; output: string }[];
  readonly backend: BackendReport;
  /** What ran the network, e.g. 'inference onnxruntime (cpu)'. */
  readonly inference: string;
  readonly cancelled: boolean;
}

type FilesResult = Omit<DenoiseTaskResult, 'inference'>;

/** Denoises one file or a folder, one image after another, into the output folder; failures are listed, the rest go on. */
export async function denoiseTask(input: DenoiseTaskInput): Promise<DenoiseTaskResult> {
  const backend = await initBackend(input.backend);
  const { net, meta } = await openModel(input.model);
  const { files, failures } = await listImages(input.input, input.recursive);
  if (files.length === 0 && failures.length === 0) throw new NoFileLeft(input.input, failures, 'denoised');
  await prepareOutputFolder([input.input], input.output);
  const outputs = await BatchOutputs.open(input.input, input.output, input.recursive ?? false, runKey(input, meta));
  const predictor = await choosePredictor(net, { prefer: input.inference });
  try {
    const done = await denoiseFiles(input, files, failures, { net, meta }, backend, predictor.predict, outputs);
    return { ...done, inference: describePredictor(predictor) };
  } finally {
    await predictor.release();
    net.dispose();
  }
}

async function denoiseFiles(
  input: DenoiseTaskInput,
  files: string[],
  failures: FileFailure[],
  { net, meta }: LoadedModel,
  backend: BackendReport,
  predict: Predictor,
  outputs: BatchOutputs,
): Promise<FilesResult> {
  const skipped: FilesResult['skipped'][number][] = [];
  const mc = meta.loss === 'supervised' ? 0 : (input.mc ?? defaultDenoiseOptions.mc);
  const written: FilesResult['written'][number][] = [];
  const started = performance.now();
  for (const [index, file] of files.entries()) {
    if (input.signal?.aborted) return { written, skipped, failures, backend, cancelled: true };
    const report = (fileFraction: number) => {
      const done = index + fileFraction;
      const etaMs = done > 0 ? ((performance.now() - started) / done) * (files.length - done) : null;
      input.onProgress?.({ phase: 'denoising', fileIndex: index, fileCount: files.length, file, fileFraction, etaMs });
    };
    report(0);
    try {
      const write = { overwrite: input.overwrite, ...writeOptionsFor(input.format) };
      const sar = {
        ...input.sar,
        amplitude: input.sar?.amplitude ?? meta.sar?.amplitude ?? false,
        amount: input.amount,
      };
      const already = input.redo || input.overwrite ? undefined : await outputs.doneOutput(file);
      if (already) {
        skipped.push({ input: file, output: already });
        continue;
      }
      const folder = outputs.folderOf(file);
      await mkdir(folder, { recursive: true });
      const options = {
        ...defaultDenoiseOptions,
        mc,
        seed: input.seed ?? defaultDenoiseOptions.seed,
        tile: input.tile ?? defaultDenoiseOptions.tile,
        ...(input.flips !== undefined && { flips: input.flips }),
        signal: input.signal,
        predict,
        onTile: (d: number, t: number) => report(d / t),
      };
      if (await wantsBands(file, meta, sar, input.bands)) {
        const out = await denoiseFileInBands(net, meta, options, {
          file,
          outputDir: folder,
          sar,
          choice: input.bands,
          write,
          signal: input.signal,
          onFraction: report,
        });
        written.push({ input: file, ...out });
        await outputs.written(file, out.output);
        continue;
      }
      const { image, source } = await readImage(file);
      const { denoised, meta: own } = await denoiseInFileUnits(net, meta, image, options, false);
      // Against the noise the image was denoised for: its own where the model measures each image's.
      const kept = keptNoiseWarning(image, denoised, own, 'denoise');
      const result = atAmount(image, denoised, input.amount ?? DEFAULT_AMOUNT);
      const out = await writeImage(join(folder, basename(file)), result, source, write);
      written.push({
        input: file,
        output: out.path,
        notes: [...source.notes, ...out.notes, ...(kept ? [`warning: ${kept}`] : [])],
      });
      await outputs.written(file, out.path);
    } catch (error) {
      if (input.signal?.aborted) return { written, skipped, failures, backend, cancelled: true };
      failures.push(fileFailure(file, error));
    }
  }
  return { written, skipped, failures, backend, cancelled: false };
}

/**
 * What makes a batch's outputs, for its record (batch-outputs.ts): the model (its gr2r.json as loaded, which changes
 * with every save) and every setting that changes the pixels written. Another model, amount, format or SAR option is
 * another run.
 */
function runKey(input: DenoiseTaskInput, meta: ModelMeta): string {
  const settings = {
    mc: input.mc ?? null,
    flips: input.flips ?? null,
    seed: input.seed ?? null,
    tile: input.tile ?? null,
    format: input.format ?? null,
    amount: input.amount ?? null,
    sar: input.sar ?? null,
  };
  return createHash('sha256').update(JSON.stringify(meta)).update(JSON.stringify(settings)).digest('hex').slice(0, 32);
}
