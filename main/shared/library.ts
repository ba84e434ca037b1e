import { z } from 'zod';
import { lossKinds, modelMetaSchema, netConfigSchema } from './model';
import { noiseSpecSchema } from './noise';

/** A model folder's name in the models library: the id the renderer uses. */
export const modelIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/);

export const modelSummarySchema = z.object({
  id: modelIdSchema,
  noise: noiseSpecSchema,
  net: netConfigSchema,
  loss: z.enum(lossKinds),
  alpha: z.number(),
  channels: z.number().int().positive(),
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().positive(),
  estPsnr: z.number().nullable(),
  /** The noisy input's estimated PSNR on the same patches: the gain over the input is shown. */
  inputPsnr: z.number().nullable().optional(),
  createdAt: z.string(),
  /** SAR: trained on amplitude files (squared to intensity); it expects amplitude files when denoising. */
  amplitude: z.boolean(),
  /** Steps trained when the weights kept (`step`, the best estimated PSNR) are an earlier step's. */
  trainedSteps: z.number().int().nonnegative().optional(),
  /** Training stopped early at this step: the estimated PSNR had stopped improving. */
  earlyStoppedAt: z.number().int().nonnegative().optional(),
  /** What it was trained on (gr2r.json's dataset; absent for models from before it was recorded). */
  dataset: modelMetaSchema.shape.dataset,
  /** '[0, 1]' data (peak 1) or float data as stored (SAR): a model cannot be used across the two. */
  units: z.enum(['unit', 'as-stored']),
  /** True when the folder keeps the optimiser state, so training can continue. */
  canResume: z.boolean(),
  /** For display only. */
  path: z.string(),
});
export type ModelSummary = z.infer<typeof modelSummarySchema>;

/** The settings behind a training run, as the Train view edits them. */
export const trainSettingsSchema = z.object({
  net: netConfigSchema,
  steps: z.number().int().min(1).max(1_000_000),
  batch: z.number().int().min(1).max(256),
  patch: z.number().int().min(16).max(512),
  alpha: z.number().gt(0).lt(1),
  loss: z.enum(['mse', 'nll']),
  learningRate: z.number().gt(0).max(1),
  seed: z.number().int().nonnegative(),
  checkpointEvery: z.number().int().min(1).max(100_000),
});
export type TrainSettings = z.infer<typeof trainSettingsSchema>;
