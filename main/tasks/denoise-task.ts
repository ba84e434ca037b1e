import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BackendName, BackendReport } from '../engine/backend';
import { initBackend } from '../engine/backend';
import { defaultDenoiseOptions } from '../engine/denoise';
import { denoiseImage } from '../engine/denoise-image';
import type { Predictor } from '../engine/predictor';
import type { WriteOptions } from '../io';
import { readImage, reasonOf, writeImage } from '../io';
import type { DenoiseProgress, FileFailure } from '../shared/jobs';
import type { BandChoice } from './band-path';
import { denoiseFileInBands, wantsBands } from './band-path';
import { listImages } from './dataset';
import type { SarOptions } from './denoise-band';
import type { RatioSummary } from './ratio-image';
import type { LoadedModel } from './model';
import { openModel } from './model';
import type { InferenceEngine } from './predictor';
import { choosePredictor, describePredictor } from './predictor';

export interface DenoiseTaskInput {
  readonly model: string;
  readonly input: string;
  readonly output: string;
  /** Monte Carlo samples; defaults to 5 for GR2R models and is 0 (one pass on y) for supervised ones. */
  readonly mc?: number;
  readonly seed?: number;
  readonly tile?: number;
  readonly overwrite?: boolean;
  readonly outputFormat?: Pick<WriteOptions, 'format' | 'bitDepth'>;
  readonly backend?: BackendName;
  /** What runs the network: 'auto' (default) is onnxruntime when available, else tfjs on the backend. */
  readonly inference?: 'auto' | InferenceEngine;
  /** SAR data: amplitude (default: as the model was trained), dB output, ratio image. */
  readonly sar?: SarOptions;
  /** Big images (and SAR or no-data files) go band by band, reading and writing as they go. */
  readonly bands?: BandChoice;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DenoiseProgress) => void;
}

export interface DenoiseTaskResult {
  readonly written: readonly { input: string; output: string; notes: readonly string[]; ratio?: RatioSummary & { file: string } }[];
  readonly failures: readonly FileFailure[];
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
  const { files, failures } = await listImages(input.input);
  await mkdir(input.output, { recursive: true });
  const predictor = await choosePredictor(net, { prefer: input.inference });
  try {
    const done = await denoiseFiles(input, files, failures, { net, meta }, backend, predictor.predict);
    return { ...done, inference: describePredictor(predictor) };
  } finally {
    await predictor.release();
    net.dispose();
  }
}

async function denoiseFiles(input: DenoiseTaskInput, files: string[], failures: FileFailure[], { net, meta }: LoadedModel, backend: BackendReport, predict: Predictor): Promise<FilesResult> {
  const mc = meta.loss === 'supervised' ? 0 : input.mc ?? defaultDenoiseOptions.mc;
  const written: FilesResult['written'][number][] = [];
  const started = performance.now();
  for (const [index, file] of files.entries()) {
    if (input.signal?.aborted) return { written, failures, backend, cancelled: true };
    const report = (fileFraction: number) => {
      const done = index + fileFraction;
      const etaMs = done > 0 ? ((performance.now() - started) / done) * (files.length - done) : null;
      input.onProgress?.({ phase: 'denoising', fileIndex: index, fileCount: files.length, file, fileFraction, etaMs });
    };
    report(0);
    try {
      const options = { ...defaultDenoiseOptions, mc, seed: input.seed ?? 1, tile: input.tile ?? defaultDenoiseOptions.tile, signal: input.signal, predict, onTile: (d: number, t: number) => report(d / t) };
      const write = { overwrite: input.overwrite, ...input.outputFormat };
      const sar = { ...input.sar, amplitude: input.sar?.amplitude ?? meta.sar?.amplitude ?? false };
      if (await wantsBands(file, meta, sar, input.bands)) {
        const out = await denoiseFileInBands(net, meta, options, { file, outputDir: input.output, sar, choice: input.bands, write, signal: input.signal, onFraction: report });
        written.push({ input: file, ...out });
        continue;
      }
      const { image, source } = await readImage(file);
      const result = await denoiseImage(net, meta, image, options);
      const out = await writeImage(join(input.output, basename(file)), result, source, write);
      written.push({ input: file, output: out.path, notes: [...source.notes, ...out.notes] });
    } catch (error) {
      if (input.signal?.aborted) return { written, failures, backend, cancelled: true };
      failures.push({ file, reason: reasonOf(error) });
    }
  }
  return { written, failures, backend, cancelled: false };
}
