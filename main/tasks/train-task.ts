import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { BackendName, BackendReport } from '../engine/backend';
import { initBackend } from '../engine/backend';
import type { Checkpoint } from '../engine/checkpoint';
import { imageNoiseSpec } from '../engine/image-noise';
import { noiseModel } from '../engine/noise';
import { nearestAlpha } from '../engine/noise/binomial';
import type { MaskedImage } from '../engine/patches';
import { splitData } from '../engine/train/data';
import type { TrainOptions } from '../engine/train/options';
import { defaultTrainOptions } from '../engine/train/options';
import { train } from '../engine/train/trainer';
import { loadModel, saveModel } from '../io';
import type { FileFailure, TrainProgress } from '../shared/jobs';
import type { ModelMeta } from '../shared/model';
import { modelMetaSchema } from '../shared/model';
import type { NoiseSpec } from '../shared/noise';
import { appVersion } from './version';
import { saveOnnxBeside } from './predictor-onnx-file';
import { dataPeak, loadDataset, pairByName } from './dataset';
import { prepareTargets, prepareTrainingImages } from './training-images';
import { asTrainedSubImages } from './training-sub-images';
import type { GradientEngine } from './training-gradients';
import { chooseGradients } from './training-gradients';
import type { WorkerRequest } from './worker-count';
import { defaultWorkers, resolveWorkers } from './worker-count';

export interface TrainTaskInput {
  readonly data: string;
  /** Clean targets paired by file name: supervised training (the benchmarks' reference). */
  readonly target?: string;
  readonly out: string;
  /** Required, except when resuming: a checkpoint keeps its own. */
  readonly noise?: NoiseSpec;
  /** Only what the user set; the rest come from the defaults, or from the checkpoint when resuming. */
  readonly options: Partial<Omit<TrainOptions, 'noise'>>;
  readonly resume?: boolean;
  /** SAR amplitude files: squared to intensity for training, recorded in gr2r.json (default: as the resumed run). */
  readonly amplitude?: boolean;
  readonly backend?: BackendName;
  /** Data-parallel gradient workers (wasm only); default `defaultWorkers`. */
  readonly workers?: WorkerRequest;
  /** What computes the training gradients (default 'auto': onnxruntime on CPU backends when it loads). */
  readonly gradients?: 'auto' | GradientEngine;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TrainProgress) => void;
  readonly onNote?: (message: string) => void;
}

export interface TrainTaskResult {
  readonly model: string;
  readonly meta: ModelMeta;
  readonly backend: BackendReport;
  readonly failures: readonly FileFailure[];
  readonly cancelled: boolean;
}

async function resumeFrom(input: TrainTaskInput): Promise<Checkpoint | undefined> {
  const exists = await stat(input.out).then(() => true, () => false);
  if (!input.resume) {
    if (exists) throw new Error(`${input.out}: already exists; pass --resume to continue that run, or choose another --out`);
    return undefined;
  }
  if (!exists) throw new Error(`${input.out}: no model to resume from`);
  const checkpoint = await loadModel(input.out, (json) => modelMetaSchema.parse(json));
  if (!checkpoint.optimizer) throw new Error(`${input.out}: holds no optimiser state, so training cannot resume from it`);
  return checkpoint;
}

function resolveOptions(input: TrainTaskInput, resume: Checkpoint | undefined, note: (m: string) => void): TrainOptions {
  if (resume) {
    const m = resume.meta;
    return {
      ...defaultTrainOptions, ...input.options,
      noise: m.noise, alpha: m.alpha, loss: m.loss, net: m.net, seed: m.seed, batch: m.batch, patch: m.patch,
      learningRate: m.learningRate, steps: Math.max(input.options.steps ?? m.totalSteps, m.totalSteps),
    };
  }
  if (!input.noise) throw new Error('a noise model is required to start training');
  const options = { ...defaultTrainOptions, ...input.options, noise: input.noise };
  if (input.noise.family === 'binomial' && input.options.alpha === undefined) {
    const alpha = nearestAlpha(input.noise.trials, options.alpha);
    if (alpha !== options.alpha) note(`alpha set to ${alpha} so that trials x alpha is a whole number`);
    return { ...options, alpha };
  }
  return options;
}

/**
 * Each image with its own noise model where the spec asks for one per image (correlated noise, speckle looks:
 * image-noise.ts); each image's looks said in a note.
 */
function withOwnNoise<T extends { image: MaskedImage; file: string }>(images: readonly T[], spec: NoiseSpec, note: (m: string) => void): T[] {
  if (!(spec.family === 'correlated' || spec.family === 'gamma') || !spec.perImage) return [...images];
  return images.map((d) => {
    const own = imageNoiseSpec(spec, d.image);
    if (own.family === 'gamma') note(`${basename(d.file)}: ${own === spec ? `looks not measurable, the pooled ${spec.looks} used` : `its own looks ${own.looks}`}`);
    return { ...d, image: { ...d.image, noise: noiseModel(own) } };
  });
}

/** Reads a folder, trains (GR2R, or supervised with targets), and keeps the model folder up to date with checkpoints. */
export async function trainTask(input: TrainTaskInput): Promise<TrainTaskResult> {
  const note = input.onNote ?? (() => {});
  const backend = await initBackend(input.backend);
  const resume = await resumeFrom(input);
  const options = resolveOptions(input, resume, note);
  const workers = resolveWorkers(input.workers ?? defaultWorkers, backend.name, options.batch, availableParallelism());
  const noisy = await loadDataset(input.data);
  if (noisy.images.length === 0) throw new Error(`${input.data}: no readable images${noisy.failures[0] ? ` (${noisy.failures[0].file}: ${noisy.failures[0].reason})` : ''}`);
  const pixels = { amplitude: input.amplitude ?? resume?.meta.sar?.amplitude ?? false, family: options.noise.family };
  const prepared = prepareTrainingImages(noisy.images, pixels);
  prepared.notes.forEach(note);
  const clean = input.target ? prepareTargets(pairByName(noisy.images, (await loadDataset(input.target)).images), pixels) : undefined;
  const data = asTrainedSubImages(splitData(withOwnNoise(prepared.images, options.noise, note), clean, options.seed), options.noise);
  let last: Checkpoint | undefined;
  const gradients = chooseGradients({ prefer: input.gradients, workers, backend: backend.name, onNote: note });
  const run = { data, options, peak: resume?.meta.peak ?? dataPeak(prepared.images), appVersion, resume, signal: input.signal, gradients };
  for await (const event of train(run)) {
    if (event.kind === 'step') input.onProgress?.(event.progress);
    else {
      last = pixels.amplitude ? { ...event.checkpoint, meta: { ...event.checkpoint.meta, sar: { amplitude: true } } } : event.checkpoint;
      await saveModel(input.out, last.artifacts, last.meta, last.optimizer, { overwrite: true });
    }
  }
  if (!last) throw new Error(`${input.out}: training had nothing to do (already at step ${options.steps})`);
  await saveOnnxBeside(input.out, last, note);
  return { model: input.out, meta: last.meta, backend, failures: noisy.failures, cancelled: last.meta.step < options.steps };
}
