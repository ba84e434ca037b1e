import { z } from 'zod';
import { denoiseDefaults, initDefaults } from './defaults';
import { amountSchema, DEFAULT_AMOUNT } from './amount';
import { outputFormatSchema } from './output-format';

/** Compute backends, fastest first: the same order as the engine's `backendOrder` (a test keeps them equal). */
export const backendNames = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = 'auto' | (typeof backendNames)[number];

const engineNames = ['onnxruntime', ...backendNames] as const;
/** What computes the network for training and for denoising (onnxruntime or the TensorFlow.js backend). */
export const networkEnginesSchema = z.object({ training: z.enum(engineNames), inference: z.enum(engineNames) });
export type NetworkEngines = z.infer<typeof networkEnginesSchema>;

export const backendReportSchema = z.object({
  name: z.enum(backendNames),
  skipped: z.array(z.object({ name: z.enum(backendNames), reason: z.string() })),
  engines: networkEnginesSchema.optional(),
});
export type BackendReportData = z.infer<typeof backendReportSchema>;

export const trainPresetNames = ['fast', 'balanced', 'quality'] as const;
export type TrainPresetName = (typeof trainPresetNames)[number];

/** What a user can change; main owns the file, validates it and keeps private entries (recent folders) to itself. */
export const userSettingsSchema = z.object({
  backend: z.enum(['auto', ...backendNames]).default('auto'),
  /** Monte Carlo samples of denoising (docs/method.md: 5 to 10). */
  monteCarlo: z.number().int().min(1).max(32).default(denoiseDefaults.mc),
  tile: z.number().int().min(64).max(2048).default(denoiseDefaults.tile),
  preset: z.enum(trainPresetNames).default('balanced'),
  /** Denoising strength in percent, applied to previews and exports alike (amount.ts). */
  amount: amountSchema.default(DEFAULT_AMOUNT),
  /** What "Denoise all" writes. */
  outputFormat: outputFormatSchema.default({ kind: 'keep' }),
  /** Training stops when the estimated PSNR stops improving (early-stop.ts). */
  earlyStop: z.boolean().default(false),
  /** New training starts from the bundled network of the noise family, where one matches (defaults.ts initDefaults). */
  startFromBuiltin: z.boolean().default(initDefaults.useBuiltin),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

export const settingsPatchSchema = z
  .object({
    backend: z.enum(['auto', ...backendNames]).optional(),
    monteCarlo: z.number().int().min(1).max(32).optional(),
    tile: z.number().int().min(64).max(2048).optional(),
    preset: z.enum(trainPresetNames).optional(),
    amount: amountSchema.optional(),
    outputFormat: outputFormatSchema.optional(),
    earlyStop: z.boolean().optional(),
    startFromBuiltin: z.boolean().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
