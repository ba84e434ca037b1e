import { choiceSpec } from '../../shared/noise';
import { resolveNoiseSpec } from '../../tasks/estimate/resolve-noise';
import { trainTask } from '../../tasks/train/train-task';
import type { WorkerResult, WorkerTask } from '../../shared/worker-messages';
import { builtinMismatch } from '../../tasks/train/builtin-models';
import { trainDefaults } from '../../shared/defaults';
import type { NoiseSpec } from '../../shared/noise';
import type { TaskContext } from '../task-context';

/** The bundled network where the app asks for it and one matches the noise family and network; else random weights. */
function builtinInit(
  task: Extract<WorkerTask, { kind: 'train' }>,
  noise: NoiseSpec | undefined,
  note: (m: string) => void,
): 'builtin' | undefined {
  if (task.init !== 'builtin' || task.resume || !noise) return undefined;
  const why = builtinMismatch(noise, task.settings.net ?? trainDefaults.net);
  if (why) note(`training starts from random weights: ${why}`);
  return why ? undefined : 'builtin';
}

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
    init: builtinInit(task, noise, (message) => context.note(message)),
    backend: context.backend,
    signal: context.signal,
    onProgress: (progress) => context.progress({ kind: 'train', progress }),
    onNote: (message) => context.note(message),
  });
  return { model: result.model, meta: result.meta, failures: [...result.failures], cancelled: result.cancelled };
}
