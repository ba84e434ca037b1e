import { basename, resolve } from 'node:path';
import type { BackendName, BackendReport } from '../../engine/backend';
import { initBackend } from '../../engine/backend';
import type { Checkpoint } from '../../engine/checkpoint';
import { nearestAlpha } from '../../engine/noise/binomial';
import { maxChannels, splitData } from '../../engine/train/data';
import type { TrainOptions } from '../../engine/train/options';
import { defaultTrainOptions } from '../../engine/train/options';
import { train } from '../../engine/train/trainer';
import { evalEveryFor, initDefaults } from '../../shared/defaults';
import type { InitRequest } from './init-model';
import { startFrom } from './start-from';
import { loadInitModel } from './init-model';
import { keptCheckpoint, saveKept } from './kept-model';
import type { FileFailure, TrainProgress } from '../../shared/jobs';
import type { ModelMeta } from '../../shared/model';
import type { NoiseSpec } from '../../shared/noise';
import { noiseSpecSchema } from '../../shared/noise';
import { appVersion } from '../../runtime/version';
import { datasetFingerprint } from './dataset-fingerprint';
import { saveOnnxBeside } from '../../runtime/predictor-onnx-file';
import { keptNoiseAfterTraining } from './training-check';
import type { LoadedImage } from '../dataset';
import { patchNote } from './patch-note';
import { dataPeak, loadDataset, pairByName } from '../dataset';
import { prepareTargets, prepareTrainingImages } from './training-images';
import { trainableImages } from './trainable-images';
import { loadTrainingDataset } from './training-crops';
import { NoFileLeft } from '../each-file';
import { asTrainedSubImages } from './training-sub-images';
import { withOwnNoise } from './own-noise';
import { withFileShares } from './file-shares';
import { scalesApart, dividedByOwnScale } from './image-scales';
import { dataStepsOptions } from './default-steps';
import { keepsLastStep } from './kept-step';
import { resumeFrom, resumeTarget } from './resume-run';
import type { GradientEngine } from '../../runtime/training-gradients';
import { chooseGradients } from '../../runtime/training-gradients';
import { rm } from 'node:fs/promises';

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
  /** What computes the training gradients (default 'auto': onnxruntime on CPU backends when it loads). */
  readonly gradients?: 'auto' | GradientEngine;
  /** Include the images in sub-folders. */
  readonly recursive?: boolean;
  /** Stop after this many evaluations without a better estimated PSNR (the best step's weights are kept). */
  readonly earlyStop?: number;
  /** Keep the last step's weights instead of the best estimated PSNR's (unset: kept-step.ts decides). */
  readonly keepLast?: boolean;
  /**
   * Start from a pretrained network (the bundled one of the family, or a model folder) instead of random weights;
   * the steps then default to initDefaults.steps. Ignored when resuming: the checkpoint's weights go on.
   */
  readonly init?: InitRequest;
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
  /** The last step trained; `meta.step` is the step kept (best estimated PSNR), which may be earlier. */
  readonly lastStep: number;
  /** Early stopping ended the run before its last step. */
  readonly stoppedEarly: boolean;
}

export function resolveOptions(
  input: TrainTaskInput,
  resume: Checkpoint | undefined,
  note: (m: string) => void,
): TrainOptions {
  if (resume) {
    const m = resume.meta;
    const steps = Math.max(input.options.steps ?? m.totalSteps, m.totalSteps);
    return {
      ...defaultTrainOptions,
      ...input.options,
      noise: m.noise,
      alpha: m.alpha,
      loss: m.loss,
      net: m.net,
      seed: m.seed,
      batch: m.batch,
      patch: m.patch,
      learningRate: m.learningRate,
      steps,
      evalEvery: input.options.evalEvery ?? evalEveryFor(steps),
    };
  }
  if (!input.noise) throw new Error('a noise model is required to start training');
  // Checked before the first step: a model whose noise gr2r.json cannot hold could never be opened again.
  const checked = noiseSpecSchema.safeParse(input.noise);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`the noise model is not valid: ${issue?.path.join('.')} ${issue?.message ?? ''}`.trim());
  }
  const steps = input.options.steps ?? (input.init ? initDefaults.steps : defaultTrainOptions.steps);
  const options = {
    ...defaultTrainOptions,
    ...(input.init && { steps: initDefaults.steps, learningRate: initDefaults.learningRate }),
    ...input.options,
    evalEvery: input.options.evalEvery ?? evalEveryFor(steps),
    noise: input.noise,
  };
  if (input.noise.family === 'binomial' && input.options.alpha === undefined) {
    const alpha = nearestAlpha(input.noise.trials, options.alpha);
    if (alpha !== options.alpha) note(`alpha set to ${alpha} so that trials x alpha is a whole number`);
    return { ...options, alpha };
  }
  return options;
}

/** What the model records about its data (gr2r.json's `dataset`). */
function datasetRecord(data: string, images: readonly LoadedImage[], peak: number): NonNullable<ModelMeta['dataset']> {
  const bitDepths = [...new Set(images.map((i) => i.source.bitDepth))].sort((a, b) => a - b);
  return {
    folder: basename(resolve(data)),
    images: images.length,
    bitDepths,
    units: peak === 1 ? 'unit' : 'as-stored',
  };
}

/** Reads a folder, trains (GR2R, or supervised with targets), and keeps the model folder up to date with checkpoints. */
export async function trainTask(input: TrainTaskInput): Promise<TrainTaskResult> {
  const note = input.onNote ?? (() => {});
  const backend = await initBackend(input.backend);
  const resumed = await resumeFrom(input);
  const resume = resumed?.resume;
  // Checked before any file is read: a noise model gr2r.json could not hold never starts a run.
  const fromScratch = resolveOptions({ ...input, init: undefined }, resume, note);
  // Supervised runs pair whole images by name; GR2R reads big images as a few crops (training-crops.ts).
  const loaded = input.target
    ? { ...(await loadDataset(input.data, input.recursive)), notes: [] }
    : await loadTrainingDataset(input.data, { recursive: input.recursive });
  loaded.notes.forEach(note);
  const chosenInit = resume ? undefined : startFrom(input, loaded.images, note);
  // Fine-tuning has its own defaults for the steps and the rate (initDefaults); the notes were given above.
  const resolved = chosenInit ? resolveOptions({ ...input, init: chosenInit }, resume, () => {}) : fromScratch;
  const failures = [...loaded.failures];
  const noisy = {
    images: trainableImages(loaded.images, resolved.net, resolved.patch, failures, resolved.noise.family),
    failures,
  };
  if (noisy.images.length === 0) throw new NoFileLeft(input.data, failures, 'read for training');
  patchNote(noisy.images, resolved.net, resolved.patch, input.options.patch, note);
  const options = dataStepsOptions(resolved, input.options, noisy.images, !resume && !chosenInit, note);
  const keepLast = keepsLastStep(input.keepLast, options.noise, note);
  const pixels = { amplitude: input.amplitude ?? resume?.meta.sar?.amplitude ?? false, family: options.noise.family };
  const prepared = prepareTrainingImages(noisy.images, pixels);
  prepared.notes.forEach(note);
  const clean = input.target
    ? prepareTargets(pairByName(noisy.images, (await loadDataset(input.target)).images), pixels)
    : undefined;
  // Speckle files orders of magnitude apart: each divided by its own scale (GR2R only: image-scales.ts).
  const scaleByImage = resume?.meta.scaleByImage ?? (!resume && !clean && scalesApart(prepared.images, options, note));
  const own = withFileShares(withOwnNoise(prepared.images, options.noise, note));
  const trained = scaleByImage ? dividedByOwnScale(own) : own;
  const data = asTrainedSubImages(splitData(trained, clean, options.seed), options.noise);
  const files = noisy.images.map((image) => image.file);
  const fingerprint = await datasetFingerprint(files);
  const target = await resumeTarget(input, resume, files, fingerprint, note);
  let last: Checkpoint | undefined;
  let saved = false;
  const gradients = chooseGradients({ prefer: input.gradients, backend: backend.name, onNote: note });
  if (resume && input.init && input.init !== 'default')
    note('--init is ignored when resuming: training goes on from the checkpoint');
  const init =
    resume || !chosenInit
      ? undefined
      : await loadInitModel(chosenInit, { noise: options.noise, net: options.net, channels: maxChannels(data.train) });
  init?.notes.forEach(note);
  const initRecord = init?.record ?? resume?.meta.init;
  const run = {
    init: init?.net,
    data,
    options,
    peak: resume?.meta.peak ?? dataPeak(trained),
    appVersion,
    resume,
    signal: input.signal,
    gradients,
    // The best step so far was estimated on the data resumed from: on other data it is no measure, and kept it would
    // hand back the resumed model unchanged with a gain computed against the wrong images.
    best: keepLast || !target.inPlace ? undefined : resumed?.best,
    earlyStop: input.earlyStop,
    // A raw file's channels are its CFA planes, whose levels (and so noise) differ 2-4x: each gets its share.
    balanceChannels: noisy.images.some((image) => image.source.format === 'dng'),
  };
  const dataset = datasetRecord(input.data, noisy.images, scaleByImage ? dataPeak(prepared.images) : run.peak);
  let kept: Checkpoint | undefined;
  let stoppedEarly = false;
  for await (const event of train(run)) {
    if (event.kind === 'step') input.onProgress?.(event.progress);
    else {
      const meta = {
        ...event.checkpoint.meta,
        dataset,
        fingerprint,
        ...(initRecord && { init: initRecord }),
        ...(pixels.amplitude && { sar: { amplitude: true } }),
        ...(scaleByImage && { scaleByImage }),
      };
      last = { ...event.checkpoint, meta };
      stoppedEarly = event.stoppedEarly ?? false;
      const stop = stoppedEarly && input.earlyStop ? { patience: input.earlyStop, atStep: last.meta.step } : undefined;
      kept = keptCheckpoint(last, keepLast ? undefined : event.best, stop);
      // A model resumed in place changes only once the run has finished: one atomic replace, never a half run.
      if (target.inPlace && !event.final) continue;
      await saveKept(target.out, last, kept);
      saved = true;
    }
  }
  if (!last || !kept) throw new Error(`${input.out}: training had nothing to do (already at step ${options.steps})`);
  // Stopped before its first step, a new run holds no training: a folder of it would stand in the library (and
  // in the app, be selected) as a model. This run made the folder (resumeFrom: it did not exist), so it goes.
  if (!resume && last.meta.step === 0 && input.signal?.aborted) {
    await rm(target.out, { recursive: true, force: true });
    throw new Error(`stopped before the first step: no model was saved (${input.out})`);
  }
  if (saved) await saveOnnxBeside(target.out, kept, note);
  else
    note(
      `stopped at step ${last.meta.step}: ${target.out} is left as it was (step ${resume?.meta.step ?? 0}); resume again to go on`,
    );
  const cancelled = !stoppedEarly && last.meta.step < options.steps;
  if (saved && !cancelled && kept.meta.loss !== 'supervised') {
    const warning = await keptNoiseAfterTraining(target.out, prepared.images[0]!.image).catch(() => null);
    if (warning) note(`warning: ${warning}`);
  }
  return {
    model: target.out,
    meta: saved ? kept.meta : resume!.meta,
    backend,
    failures: noisy.failures,
    cancelled,
    lastStep: last.meta.step,
    stoppedEarly,
  };
}
