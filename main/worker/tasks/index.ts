import type { WorkerResult, WorkerTask, WorkerTaskKind } from '../../shared/worker-messages';
import type { TaskContext } from '../task-context';
import { initBackend } from '../../engine/backend';
import { runDenoise } from './denoise';
import { runEstimate } from './estimate';
import { runPreview } from './preview';
import { scanTask } from './scan';
import { runScreen } from './screen';
import { runTrain } from './train';

export type TaskTable = {
  [K in WorkerTaskKind]: (task: Extract<WorkerTask, { kind: K }>, context: TaskContext) => Promise<WorkerResult<K>>;
};

/** Which tasks need the compute backend (and so report it before they start). */
export const computeTasks: ReadonlySet<WorkerTaskKind> = new Set(['backend', 'train', 'preview', 'denoise']);

export const tasks: TaskTable = {
  backend: async (_task, context) => {
    const report = await initBackend(context.backend);
    return { name: report.name, skipped: [...report.skipped] };
  },
  scan: scanTask,
  train: runTrain,
  estimate: runEstimate,
  preview: runPreview,
  screen: runScreen,
  denoise: runDenoise,
};
