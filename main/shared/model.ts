import { z } from 'zod';
import { noiseSpecSchema } from './noise';

export const lossKinds = ['mse', 'nll', 'supervised'] as const;
export type LossKind = (typeof lossKinds)[number];

export const netConfigSchema = z.object({
  kind: z.enum(['unet', 'dncnn']),
  width: z.number().int().positive(),
  depth: z.number().int().min(1).max(8),
});

/** gr2r.json: what makes a model folder self-describing. */
export const modelMetaSchema = z.object({
  format: z.literal('gr2r-model'),
  version: z.literal(1),
  appVersion: z.string(),
  noise: noiseSpecSchema,
  alpha: z.number().gt(0).lt(1),
  loss: z.enum(lossKinds),
  net: netConfigSchema,
  channels: z.number().int().positive(),
  /** Inputs are divided by `scale` before the network and outputs multiplied back. */
  scale: z.number().positive(),
  /**
   * Each image is first divided by its own scale (twice the mean of its positive values): speckle files whose
   * intensities lie orders of magnitude apart train one network (engine/image-scale.ts).
   */
  scaleByImage: z.boolean().optional(),
  /** The data's peak value for PSNR (1 for 8/16-bit images). */
  peak: z.number().positive(),
  seed: z.number().int(),
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().positive(),
  batch: z.number().int().positive(),
  patch: z.number().int().positive(),
  learningRate: z.number().positive(),
  estPsnr: z.number().nullable(),
  /** The noisy input's PSNR estimated on the same held-out patches (the gain is estPsnr - inputPsnr). */
  inputPsnr: z.number().nullable().optional(),
  createdAt: z.string(),
  /** SAR: trained on amplitude files squared to intensity, so amplitude files are expected when denoising. */
  sar: z.object({ amplitude: z.boolean() }).optional(),
  /** The training images' fingerprint (names and sampled contents): a resumed run continues in place only on the same. */
  fingerprint: z.string().optional(),
  /**
   * Steps trained, when the weights kept are an earlier step's (`step`): the one with the best estimated PSNR.
   * The last step's resumable checkpoint is then in the sub-folder `checkpoint/`.
   */
  trainedSteps: z.number().int().nonnegative().optional(),
  /** The data it was trained on: a model belongs to its data (the app warns before using it on other data). */
  dataset: z
    .object({
      /** The folder's name. */
      folder: z.string(),
      images: z.number().int().nonnegative(),
      /** Bit depths of the files (8, 16: [0, 1]; 32: float as stored). */
      bitDepths: z.array(z.number().int()),
      /** '[0, 1]' for integer files or float data in that range; 'as stored' for other float data (SAR). */
      units: z.enum(['unit', 'as-stored']),
    })
    .optional(),
  /**
   * The pretrained network training started from (`--init`): a bundled one ('builtin', its family) or a model
   * folder (its name); absent for random weights.
   */
  init: z
    .object({
      source: z.enum(['builtin', 'folder']),
      name: z.string(),
      /** The steps that network had been trained for. */
      steps: z.number().int().nonnegative(),
    })
    .optional(),
  /** Training stopped early: this many evaluations in a row without a better estimated PSNR. */
  earlyStopped: z.object({ patience: z.number().int().positive(), atStep: z.number().int().nonnegative() }).optional(),
});

export type ModelMeta = z.infer<typeof modelMetaSchema>;
