import { z } from 'zod';
import { displayStretchSchema } from './display-stretch';
import { fileFailureSchema, imageEntrySchema, scanProgressSchema } from './dataset';
import { estimateFamilySchema, estimateReportSchema } from './estimate';
import { cropSchema, enlPairSchema, ratioSummarySchema, sarOutputSchema } from './job-contract';
import { trainSettingsSchema } from './library';
import { modelMetaSchema } from './model';
import { noiseChoiceSchema } from './noise';
import { amountSchema } from './amount';
import { outputFormatSchema } from './output-format';
import { denoiseProgressSchema, trainProgressSchema } from './progress';
import { appErrorSchema } from './result';
import { backendNames, backendReportSchema } from './settings';

/** Tasks as the worker runs them: absolute paths, resolved and checked by main from the renderer's ids. */
export const workerTaskSchema = z.discriminatedUnion('kind', [
  /** Choose the compute backend now, so the app can show it before the first job. */
  z.object({ kind: z.literal('backend') }),
  z.object({ kind: z.literal('scan'), folder: z.string() }),
  z.object({
    kind: z.literal('train'),
    data: z.string(),
    out: z.string(),
    noise: noiseChoiceSchema.optional(),
    settings: trainSettingsSchema.partial(),
    resume: z.boolean(),
    amplitude: z.boolean().optional(),
    /** Resuming on other data than the model's: train into this new folder instead (default: a free sibling). */
    forkTo: z.string().optional(),
    earlyStop: z.number().int().min(1).optional(),
    /** Start from the bundled network where one matches the noise family and network (else from random weights). */
    init: z.literal('builtin').optional(),
  }),
  z.object({ kind: z.literal('estimate'), data: z.string(), family: estimateFamilySchema, amplitude: z.boolean() }),
  z.object({
    kind: z.literal('preview'),
    model: z.string(),
    file: z.string(),
    crop: cropSchema,
    mc: z.number().int().min(1),
    out: z.string(),
    tile: z.number().int().optional(),
    amount: amountSchema.optional(),
    stretch: displayStretchSchema.optional(),
  }),
  /** An image for the screen (the image service): decoded here, never in Electron main. */
  z.object({
    kind: z.literal('screen'),
    file: z.string(),
    size: z.number().int().positive().optional(),
    rangeOf: z.string(),
    out: z.string(),
    stretch: displayStretchSchema.optional(),
    ratio: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('denoise'),
    model: z.string(),
    input: z.string(),
    output: z.string(),
    mc: z.number().int().min(1),
    tile: z.number().int(),
    sar: sarOutputSchema.optional(),
    amount: amountSchema.optional(),
    format: outputFormatSchema.optional(),
  }),
]);
export type WorkerTask = z.infer<typeof workerTaskSchema>;
export type WorkerTaskKind = WorkerTask['kind'];

export const workerResultSchemas = {
  backend: backendReportSchema,
  scan: z.object({
    images: z.array(imageEntrySchema),
    failures: z.array(fileFailureSchema),
    ignored: z.number().int(),
  }),
  train: z.object({
    model: z.string(),
    meta: modelMetaSchema,
    failures: z.array(fileFailureSchema),
    cancelled: z.boolean(),
  }),
  estimate: estimateReportSchema,
  preview: z.object({ after: z.string(), crop: cropSchema, ms: z.number(), enl: enlPairSchema.optional() }),
  screen: z.union([z.object({ asIs: z.enum(['image/png', 'image/jpeg']) }), z.object({ png: z.string() })]),
  denoise: z.object({
    written: z.array(z.object({ input: z.string(), output: z.string(), ratio: ratioSummarySchema.optional() })),
    failures: z.array(fileFailureSchema),
    cancelled: z.boolean(),
    skipped: z.number().int().nonnegative().optional(),
  }),
} as const satisfies Record<WorkerTaskKind, z.ZodType>;
export type WorkerResult<K extends WorkerTaskKind> = z.infer<(typeof workerResultSchemas)[K]>;

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init'), backend: z.enum(['auto', ...backendNames]) }),
  /** `cancelFile`: created by main to cancel; a loop that never yields to the event loop still sees it. */
  z.object({ type: z.literal('run'), jobId: z.string(), task: workerTaskSchema, cancelFile: z.string().optional() }),
  z.object({ type: z.literal('cancel'), jobId: z.string() }),
  /** The watchdog's question while jobs run: a worker that never answers is hung, killed and restarted. */
  z.object({ type: z.literal('ping') }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

export const workerProgressSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('train'), progress: trainProgressSchema }),
  /** The dataset check: `done` of `total` files decoded. */
  z.object({ kind: z.literal('scan'), progress: scanProgressSchema.omit({ folderId: true }) }),
  z.object({ kind: z.literal('denoise'), progress: denoiseProgressSchema }),
]);
export type WorkerProgress = z.infer<typeof workerProgressSchema>;

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), backend: backendReportSchema }),
  z.object({ type: z.literal('pong') }),
  z.object({ type: z.literal('progress'), jobId: z.string(), update: workerProgressSchema }),
  z.object({ type: z.literal('note'), jobId: z.string(), message: z.string() }),
  /** The result is checked against its task's schema by main, which knows the task. */
  z.object({ type: z.literal('done'), jobId: z.string(), result: z.unknown() }),
  z.object({ type: z.literal('failed'), jobId: z.string(), error: appErrorSchema }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
