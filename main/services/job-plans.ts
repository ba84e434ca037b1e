import { mkdir, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkOutputFolder } from '../io/output-guard';
import type { JobHooks, JobManager } from '../app/jobs';
import type { SettingsStore } from '../app/settings';
import type { JobKind, JobRequest, JobResult } from '../shared/job-contract';
import { AppFailure } from '../shared/result';
import { DEFAULT_PATIENCE } from '../shared/early-stop';
import type { WorkerResult, WorkerTask, WorkerTaskKind } from '../shared/worker-messages';
import type { FolderChooser } from './folder-chooser';
import type { FolderRegistry, RegisteredFolder } from './folders';
import type { ModelLibrary } from './models';
import { createOutputFolder } from './output-folder';
import { describedModelName } from './model-name';

export interface PlanContext {
  readonly folders: FolderRegistry;
  readonly models: ModelLibrary;
  readonly settings: SettingsStore;
  readonly chooser: FolderChooser;
  /** Where preview crops are written; served like a chosen folder. */
  readonly previews: RegisteredFolder;
  /** Where a denoised folder goes when the one beside its dataset is outside what the page may choose. */
  readonly exportsDir: string;
}

/** A renderer request turned into a worker task, and what to make of the task's result. */
export interface JobPlan {
  readonly kind: JobKind;
  start(jobs: JobManager, hooks: JobHooks): { id: string; done: Promise<JobResult> };
}

function plan<K extends WorkerTaskKind>(
  kind: JobKind,
  task: Extract<WorkerTask, { kind: K }>,
  finish: (result: WorkerResult<K>) => Promise<JobResult>,
  abandon?: () => Promise<void>,
): JobPlan {
  return {
    kind,
    start: (jobs, hooks) => {
      const job = jobs.run(task, hooks);
      const done = job.done.then(finish, async (error: unknown) => {
        await abandon?.().catch(() => undefined);
        throw error;
      });
      return { id: job.id, done };
    },
  };
}

const named = (list: readonly { file: string; reason: string }[]) =>
  list.map((f) => ({ file: basename(f.file), reason: f.reason }));

async function trainPlan(
  ctx: PlanContext,
  request: Extract<JobRequest, { kind: 'train' | 'resume' }>,
): Promise<JobPlan> {
  const data = ctx.folders.get(request.datasetId).path;
  const target =
    request.kind === 'train'
      ? await ctx.models.reserve(describedModelName(request.noise, basename(data)), true)
      : { id: request.modelId, path: ctx.models.path(request.modelId) };
  if (request.kind === 'resume' && !(await ctx.models.summary(request.modelId)).canResume) {
    throw new AppFailure('conflict', `model ${request.modelId} keeps no optimiser state, so training cannot continue`);
  }
  // On other data than the model's, a resumed run trains a copy into a new model of the library (tasks/train/train-task.ts).
  const forkTo = request.kind === 'resume' ? (await ctx.models.reserve(`${request.modelId}-resumed`)).path : undefined;
  const task =
    request.kind === 'train'
      ? {
          kind: 'train' as const,
          data,
          out: target.path,
          noise: request.noise,
          settings: request.settings,
          resume: false,
          amplitude: request.amplitude,
        }
      : { kind: 'train' as const, data, out: target.path, settings: { steps: request.steps }, resume: true, forkTo };
  const earlyStop = ctx.settings.user.earlyStop ? DEFAULT_PATIENCE : undefined;
  const init = request.kind === 'train' && ctx.settings.user.startFromBuiltin ? ('builtin' as const) : undefined;
  return plan('train', { ...task, earlyStop, init }, async (result) => ({
    kind: 'train',
    model: await ctx.models.summary(basename(result.model)),
    cancelled: result.cancelled,
    failures: named(result.failures),
  }));
}

async function previewPlan(ctx: PlanContext, request: Extract<JobRequest, { kind: 'preview' }>): Promise<JobPlan> {
  const file = await ctx.folders.file(request.datasetId, request.file);
  const model = (await ctx.models.summary(request.modelId)).path;
  const task = {
    kind: 'preview' as const,
    model,
    file,
    crop: request.crop,
    mc: ctx.settings.user.monteCarlo,
    out: ctx.previews.path,
    tile: ctx.settings.user.tile,
    amount: request.amount ?? ctx.settings.user.amount,
    ...(request.stretch && { stretch: request.stretch }),
  };
  return plan('preview', task, async (result) => ({
    kind: 'preview',
    file: request.file,
    crop: result.crop,
    ms: result.ms,
    ...(result.enl && { enl: result.enl }),
    after: { folderId: ctx.previews.id, file: basename(result.after) },
  }));
}

async function denoisePlan(ctx: PlanContext, request: Extract<JobRequest, { kind: 'denoise' }>): Promise<JobPlan> {
  const input = ctx.folders.get(request.datasetId).path;
  const model = (await ctx.models.summary(request.modelId)).path;
  // Beside the dataset, never inside it: the next run on the dataset would read the outputs as inputs.
  const beside = ctx.chooser.allows(dirname(input)) ? dirname(input) : ctx.exportsDir;
  const parent = request.outputId ? ctx.folders.get(request.outputId).path : beside;
  await checkOutputFolder([input], join(parent, `${basename(input)}-denoised`)).catch((error: Error) => {
    throw new AppFailure('invalid-request', error.message);
  });
  await mkdir(parent, { recursive: true });
  const output = await createOutputFolder(parent, basename(input));
  const ref = await ctx.folders.register(output);
  const { monteCarlo: mc, tile } = ctx.settings.user;
  const amount = request.amount ?? ctx.settings.user.amount;
  return plan(
    'denoise',
    {
      kind: 'denoise',
      model,
      input,
      output,
      mc,
      tile,
      sar: request.sar,
      amount,
      format: request.format ?? ctx.settings.user.outputFormat,
    },
    async (result) => ({
      kind: 'denoise',
      output: ref,
      cancelled: result.cancelled,
      failures: named(result.failures),
      skipped: result.skipped,
      amount,
      written: result.written.map((w) => ({
        input: basename(w.input),
        output: basename(w.output),
        ...(w.ratio ? { ratio: { ...w.ratio, file: basename(w.ratio.file) } } : {}),
      })),
    }),
    () => rmdir(output),
  );
}

export async function planJob(ctx: PlanContext, request: JobRequest): Promise<JobPlan> {
  switch (request.kind) {
    case 'train':
    case 'resume':
      return trainPlan(ctx, request);
    case 'estimate': {
      const data = ctx.folders.get(request.datasetId).path;
      const task = { kind: 'estimate' as const, data, family: request.family, amplitude: request.amplitude };
      return plan('estimate', task, async (report) => ({ kind: 'estimate', report }));
    }
    case 'preview':
      return previewPlan(ctx, request);
    case 'denoise':
      return denoisePlan(ctx, request);
  }
}
