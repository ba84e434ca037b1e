import { trainTask } from '../../tasks/train-task';
import type { WorkerResult, WorkerTask } from '../messages';
import type { TaskContext } from '../task-context';

/** Trains into the model folder (a new one, or the one resumed), reporting every step. */
export async function runTrain(task: Extract<WorkerTask, { kind: 'train' }>, context: TaskContext): Promise<WorkerResult<'train'>> {
  const result = await trainTask({
    data: task.data,
    out: task.out,
    noise: task.noise,
    options: task.settings,
    resume: task.resume,
    amplitude: task.amplitude,
    earlyStop: task.earlyStop,
    backend: context.backend,
    signal: context.signal,
    onProgress: (progress) => context.progress({ kind: 'train', progress }),
    onNote: (message) => context.note(message),
  });
  return { model: result.model, meta: result.meta, failures: [...result.failures], cancelled: result.cancelled };
}
