import { denoiseTask } from '../../tasks/denoise/denoise-task';
import type { WorkerResult, WorkerTask } from '../../shared/worker-messages';
import type { TaskContext } from '../task-context';

/** Denoises every image of a folder into the output folder, one file after another. */
export async function runDenoise(
  task: Extract<WorkerTask, { kind: 'denoise' }>,
  context: TaskContext,
): Promise<WorkerResult<'denoise'>> {
  const result = await denoiseTask({
    model: task.model,
    input: task.input,
    output: task.output,
    mc: task.mc,
    tile: task.tile,
    sar: task.sar,
    amount: task.amount,
    format: task.format,
    backend: context.backend,
    signal: context.signal,
    onProgress: (progress) => context.progress({ kind: 'denoise', progress }),
  });
  return {
    written: result.written.map((w) => ({ input: w.input, output: w.output, ...(w.ratio ? { ratio: w.ratio } : {}) })),
    failures: [...result.failures],
    cancelled: result.cancelled,
    skipped: result.skipped.length,
  };
}
