import { choiceSpec } from '../../shared/noise';
import { resolveNoiseSpec } from '../../tasks/estimate/resolve-noise';
import { trainTask } from '../../tasks/train/train-task';
import type { WorkerResult, WorkerTask } from '../../shared/worker-messages';
import type { TaskContext } from '../task-context';

/** Trains into the model folder (a new one, or the one resumed), reporting every step. */
export async function runTrain(
  task: Extract<WorkerTask, { kind: 'train' }>,
  context: TaskContext,
): Promise<WorkerResult<'train'>> {
  const choice = task.noise;
  const spec = choice ? choiceSpec(choice) : undefined;
  const noise =
    choice && !spec
      ? await resolveNoiseSpec({ family: choice.family }, task.data, (message) => context.note(message), task.amplitude)
      : (spec ?? undefined);
  const result = await trainTask({
    data: task.data,
    out: task.out,
    noise,
    options: task.settings,
    resume: task.resume,
    forkTo: task.forkTo,
    amplitude: task.amplitude,
    earlyStop: task.earlyStop,
    // The bundled network where the app asks for it and one fits the run (defaultInit); else random weights.
    init: task.init === 'builtin' ? 'default' : undefined,
    backend: context.backend,
    signal: context.signal,
    onProgress: (progress) => context.progress({ kind: 'train', progress }),
    onNote: (message) => context.note(message),
  });
  return { model: result.model, meta: result.meta, failures: [...result.failures], cancelled: result.cancelled };
}
