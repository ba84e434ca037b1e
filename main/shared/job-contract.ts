import { z } from 'zod';
import { fileFailureSchema, fileNameSchema, folderIdSchema, folderRefSchema, imageRefSchema } from './dataset';
import { modelIdSchema, modelSummarySchema, trainSettingsSchema } from './library';
import { noiseChoiceSchema } from './noise';
import { denoiseProgressSchema, trainProgressSchema } from './progress';
import { estimateFamilySchema, estimateReportSchema } from './estimate';
import { appErrorSchema } from './result';
import { amountSchema } from './amount';
import { outputFormatSchema } from './output-format';
import { displayStretchSchema } from './display-stretch';

/**
 * SAR outputs: decibels instead of linear values, the ratio image noisy / denoised as a check, and `unitRatio`: each
 * output times the local mean of its ratio image, so that the ratio's mean is 1 (at the cost of a lower mean on
 * textured scenes: `gr2r denoise --unit-ratio`).
 */
export const sarOutputSchema = z
  .object({ db: z.boolean().optional(), ratio: z.boolean().optional(), unitRatio: z.boolean().optional() })
  .strict();
export type SarOutput = z.infer<typeof sarOutputSchema>;

/** The ratio image's statistics: for L-look speckle and a good denoiser, mean 1 and variance 1/L. */
export const ratioSummarySchema = z.object({
  file: z.string(),
  mean: z.number(),
  variance: z.number(),
  count: z.number(),
});

/** SAR speckle: the ENL of the noisy and the denoised crop where most homogeneous (engine/sar/window-enl.ts). */
export const enlPairSchema = z.object({ before: z.number(), after: z.number() });

export const cropSchema = z.object({
  x: z.number().int().nonnegative(),
  y: z.number().int().nonnegative(),
  width: z.number().int().min(1).max(1024),
  height: z.number().int().min(1).max(1024),
});
export type Crop = z.infer<typeof cropSchema>;

/** What the renderer may ask to run: ids only, which main resolves to the folders the user chose. */
export const jobRequestSchema = z.discriminatedUnion('kind', [
  /**
   * `settings`: those that differ from main/shared/defaults.ts, as the CLI's flags. `amplitude`: SAR amplitude
   * files, squared to intensity for training (the Gamma model's domain).
   */
  z.object({
    kind: z.literal('train'),
    datasetId: folderIdSchema,
    noise: noiseChoiceSchema,
    settings: trainSettingsSchema.partial(),
    amplitude: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('resume'),
    datasetId: folderIdSchema,
    modelId: modelIdSchema,
    steps: z.number().int().min(1).max(1_000_000),
  }),
  /** `amplitude`: SAR amplitude data, squared to intensity before the Gamma estimate. */
  z.object({
    kind: z.literal('estimate'),
    datasetId: folderIdSchema,
    family: estimateFamilySchema,
    amplitude: z.boolean().default(false),
  }),
  /**
   * `amount`: strength in percent (default: the user's setting), blended as the export blends it. `stretch`: how
   * float data is shown (the crop is drawn with its input's range under that stretch).
   */
  z.object({
    kind: z.literal('preview'),
    datasetId: folderIdSchema,
    modelId: modelIdSchema,
    file: fileNameSchema,
    crop: cropSchema,
    amount: amountSchema.optional(),
    stretch: displayStretchSchema.optional(),
  }),
  /** Without `outputId`, the new output folder goes beside the dataset. */
  z.object({
    kind: z.literal('denoise'),
    datasetId: folderIdSchema,
    modelId: modelIdSchema,
    outputId: folderIdSchema.optional(),
    sar: sarOutputSchema.optional(),
    amount: amountSchema.optional(),
    format: outputFormatSchema.optional(),
  }),
]);
export type JobRequest = z.infer<typeof jobRequestSchema>;
/** A request as the renderer writes it (fields with defaults may be left out). */
export type JobRequestInput = z.input<typeof jobRequestSchema>;
export type JobKind = 'train' | 'estimate' | 'preview' | 'denoise';

export const jobResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('train'),
    model: modelSummarySchema,
    cancelled: z.boolean(),
    failures: z.array(fileFailureSchema),
  }),
  z.object({ kind: z.literal('estimate'), report: estimateReportSchema }),
  z.object({
    kind: z.literal('preview'),
    file: fileNameSchema,
    crop: cropSchema,
    after: imageRefSchema,
    ms: z.number(),
    enl: enlPairSchema.optional(),
  }),
  z.object({
    kind: z.literal('denoise'),
    output: folderRefSchema,
    cancelled: z.boolean(),
    failures: z.array(fileFailureSchema),
    written: z.array(z.object({ input: z.string(), output: z.string(), ratio: ratioSummarySchema.optional() })),
    /** Inputs whose output was already in the folder (a batch run again); the amount the outputs were made at. */
    skipped: z.number().int().nonnegative().optional(),
    amount: amountSchema.optional(),
  }),
]);
export type JobResult = z.infer<typeof jobResultSchema>;

const jobKindSchema = z.enum(['train', 'estimate', 'preview', 'denoise']);

/** Every change of a job, as data (docs/design.md: progress is data, never text to parse). */
export const jobUpdateSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), jobId: z.string(), kind: jobKindSchema }),
  z.object({ type: z.literal('train-progress'), jobId: z.string(), progress: trainProgressSchema }),
  z.object({ type: z.literal('denoise-progress'), jobId: z.string(), progress: denoiseProgressSchema }),
  z.object({ type: z.literal('note'), jobId: z.string(), message: z.string() }),
  z.object({ type: z.literal('done'), jobId: z.string(), result: jobResultSchema }),
  z.object({ type: z.literal('failed'), jobId: z.string(), kind: jobKindSchema, error: appErrorSchema }),
]);
export type JobUpdate = z.infer<typeof jobUpdateSchema>;
