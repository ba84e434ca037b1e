import { z } from 'zod';

/** Compute backends, fastest first: the same order as the engine's `backendOrder` (a test keeps them equal). */
export const backendNames = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = 'auto' | (typeof backendNames)[number];

export const backendReportSchema = z.object({
  name: z.enum(backendNames),
  skipped: z.array(z.object({ name: z.enum(backendNames), reason: z.string() })),
});
export type BackendReportData = z.infer<typeof backendReportSchema>;

export const trainPresetNames = ['fast', 'balanced', 'quality'] as const;
export type TrainPresetName = (typeof trainPresetNames)[number];

/** What a user can change; main owns the file, validates it and keeps private entries (recent folders) to itself. */
export const userSettingsSchema = z.object({
  backend: z.enum(['auto', ...backendNames]).default('auto'),
  /** Monte Carlo samples of denoising (GR2R.md §3: 5 to 10). */
  monteCarlo: z.number().int().min(1).max(32).default(5),
  tile: z.number().int().min(64).max(2048).default(512),
  preset: z.enum(trainPresetNames).default('balanced'),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

export const settingsPatchSchema = z.object({
  backend: z.enum(['auto', ...backendNames]).optional(),
  monteCarlo: z.number().int().min(1).max(32).optional(),
  tile: z.number().int().min(64).max(2048).optional(),
  preset: z.enum(trainPresetNames).optional(),
}).strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
