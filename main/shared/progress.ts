import { z } from 'zod';
import type { DenoiseProgress, TrainProgress } from './jobs';

/** Runtime checks of the progress payloads of jobs.ts: they cross from the worker to main to the renderer. */
export const trainProgressSchema: z.ZodType<TrainProgress> = z.object({
  phase: z.literal('training'),
  step: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  loss: z.number(),
  estPsnr: z.number().nullable(),
  inputPsnr: z.number().nullable().optional(),
  etaMs: z.number().nullable(),
});

export const denoiseProgressSchema: z.ZodType<DenoiseProgress> = z.object({
  phase: z.literal('denoising'),
  fileIndex: z.number().int().nonnegative(),
  fileCount: z.number().int().nonnegative(),
  file: z.string(),
  fileFraction: z.number().min(0).max(1),
  etaMs: z.number().nullable(),
});
