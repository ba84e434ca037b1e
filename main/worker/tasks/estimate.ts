import { basename } from 'node:path';
import { estimateTask } from '../../tasks/estimate/estimate-task';
import type { WorkerResult, WorkerTask } from '../../shared/worker-messages';
import type { TaskContext } from '../task-context';

/**
 * Blind estimate of the noise parameter over the dataset (tasks/estimate-task.ts, as `gr2r estimate`): one
 * crop in memory at a time, cancel answered between images, files that fail named in the warnings.
 */
export async function runEstimate(
  task: Extract<WorkerTask, { kind: 'estimate' }>,
  context: TaskContext,
): Promise<WorkerResult<'estimate'>> {
  const report = await estimateTask({
    input: task.data,
    family: task.family,
    amplitude: task.amplitude,
    nameOf: basename,
    signal: context.signal,
  });
  const skipped = report.failures.map((f) => `${basename(f.file)} was skipped: ${f.reason}`);
  return { images: report.images, pooled: report.pooled, warnings: [...skipped, ...report.warnings] };
}
