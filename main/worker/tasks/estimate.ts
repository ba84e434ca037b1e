import type { WorkerResult, WorkerTask } from '../messages';
import type { TaskContext } from '../task-context';

/** Blind estimation of the noise parameter over the dataset (main/engine/estimate). */
export async function runEstimate(task: Extract<WorkerTask, { kind: 'estimate' }>, _context: TaskContext): Promise<WorkerResult<'estimate'>> {
  throw new Error(`estimating ${task.family} noise is not available yet: enter the parameter by hand`);
}
