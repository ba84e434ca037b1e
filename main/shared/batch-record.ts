import { z } from 'zod';

/**
 * The hidden record each denoise output folder keeps of what its outputs were made from
 * (tasks/denoise/batch-outputs.ts): read back on the next run to skip what is done.
 */
export const batchRecordSchema = z.object({
  version: z.literal(1),
  /** By output file name, in the folder the record is in. */
  outputs: z.record(
    z.string(),
    z.object({
      /** The input's absolute path, size and modification time when it was denoised. */
      input: z.string(),
      size: z.number(),
      mtimeMs: z.number(),
      /** What made the output: the model and every setting that changes its pixels (runKey). */
      run: z.string(),
      /** The output's size when written: an output replaced since by another file is not this run's. */
      outputSize: z.number(),
    }),
  ),
});
export type BatchRecord = z.infer<typeof batchRecordSchema>;
