import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
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
import { datasetFingerprint, freeSibling } from './dataset-fingerprint';
import { saveOnnxBeside } from './predictor-onnx-file';
import { keptNoiseAfterTraining } from './training-check';
import { dataPeak, loadDataset, pairByName } from './dataset';
import { prepareTargets, prepareTrainingImages } from './training-images';
import { trainableImages } from './trainable-images';
import { loadTrainingDataset } from './training-crops';
import { NoFileLeft } from './each-file';
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
  /**
   * Resuming on other images than the model was trained on: the run trains a copy in this new folder and the
   * model resumed is left as it was (default: `<out>-resumed`, or the first free number after it).
   */
  readonly forkTo?: string;
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

export function resolveOptions(input: TrainTaskInput, resume: Checkpoint | undefined, note: (m: string) => void): TrainOptions {
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

/** Each image with its own noise model where the spec asks for one per image (correlated noise, image-noise.ts). */
function withOwnNoise<T extends { image: MaskedImage }>(images: readonly T[], spec: NoiseSpec): T[] {
  if (spec.family !== 'correlated' || !spec.perImage) return [...images];
  return images.map((d) => ({ ...d, image: { ...d.image, noise: noiseModel(imageNoiseSpec(spec, d.image)) } }));
}

/**
 * Where a run writes. A new run: its own folder. A resume on the images the model was trained on: the same
 * folder, replaced only at the end. A resume on other images: a new folder, so the model resumed stays as it was.
 */
async function resumeTarget(input: TrainTaskInput, resume: Checkpoint | undefined, dataset: string, note: (m: string) => void): Promise<{ out: string; inPlace: boolean }> {
  if (!resume) return { out: input.out, inPlace: false };
  if (resume.meta.dataset === undefined || resume.meta.dataset === dataset) return { out: input.out, inPlace: true };
  const out = input.forkTo ?? (await freeSibling(input.out));
  note(`${input.data} is not the data ${input.out} was trained on: training continues into a new model, ${out}; ${input.out} is left as it was`);
  return { out, inPlace: false };
}

/** Reads a folder, trains (GR2R, or supervised with targets), and keeps the model folder up to date with checkpoints. */
export async function trainTask(input: TrainTaskInput): Promise<TrainTaskResult> {
  const note = input.onNote ?? (() => {});
  const backend = await initBackend(input.backend);
  const resume = await resumeFrom(input);
  const options = resolveOptions(input, resume, note);
  const workers = resolveWorkers(input.workers ?? defaultWorkers, backend.name, options.batch, availableParallelism());
  // Supervised runs pair whole images by name; GR2R reads big images as a few crops (training-crops.ts).
  const loaded = input.target ? { ...(await loadDataset(input.data)), notes: [] } : await loadTrainingDataset(input.data);
  loaded.notes.forEach(note);
  const failures = [...loaded.failures];
  const noisy = { images: trainableImages(loaded.images, options.net, options.patch, failures), failures };
  if (noisy.images.length === 0) throw new NoFileLeft(input.data, failures, 'read for training');
  const pixels = { amplitude: input.amplitude ?? resume?.meta.sar?.amplitude ?? false, family: options.noise.family };
  const prepared = prepareTrainingImages(noisy.images, pixels);
  prepared.notes.forEach(note);
  const clean = input.target ? prepareTargets(pairByName(noisy.images, (await loadDataset(input.target)).images), pixels) : undefined;
  const data = splitData(withOwnNoise(prepared.images, options.noise), clean, options.seed);
  const dataset = await datasetFingerprint(noisy.images.map((image) => image.file));
  const target = await resumeTarget(input, resume, dataset, note);
  let last: Checkpoint | undefined;
  let saved = false;
  const gradients = chooseGradients({ prefer: input.gradients, workers, backend: backend.name, onNote: note });
  const run = { data, options, peak: resume?.meta.peak ?? dataPeak(prepared.images), appVersion, resume, signal: input.signal, gradients };
  for await (const event of train(run)) {
    if (event.kind === 'step') input.onProgress?.(event.progress);
    else {
      const meta = { ...event.checkpoint.meta, dataset, ...(pixels.amplitude && { sar: { amplitude: true } }) };
      last = { ...event.checkpoint, meta };
      // A model resumed in place changes only once the run has finished: one atomic replace, never a half run.
      if (target.inPlace && !event.final) continue;
      await saveModel(target.out, last.artifacts, last.meta, last.optimizer, { overwrite: true });
      saved = true;
    }
  }
  if (!last) throw new Error(`${input.out}: training had nothing to do (already at step ${options.steps})`);
  if (saved) await saveOnnxBeside(target.out, last, note);
  if (saved && last.meta.loss !== 'supervised' && last.meta.step >= options.steps) {
    const kept = await keptNoiseAfterTraining(target.out, prepared.images[0]!.image).catch(() => null);
    if (kept) note(`warning: ${kept}`);
  }
  else note(`stopped at step ${last.meta.step}: ${target.out} is left as it was (step ${resume?.meta.step ?? 0}); resume again to go on`);
  return { model: target.out, meta: saved ? last.meta : resume!.meta, backend, failures: noisy.failures, cancelled: last.meta.step < options.steps };
}
