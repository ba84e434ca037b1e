import type { WorkerResult, WorkerTask, WorkerTaskKind } from '../messages';
import type { TaskContext } from '../task-context';
import { runDenoise } from './denoise';
import { runEstimate } from './estimate';
import { runPreview } from './preview';
import { scanTask } from './scan';
import { runTrain } from './train';

export type TaskTable = {
  [K in WorkerTaskKind]: (task: Extract<WorkerTask, { kind: K }>, context: TaskContext) => Promise<WorkerResult<K>>;
};

/** Which tasks need the compute backend (and so report it before they start). */
export const computeTasks: ReadonlySet<WorkerTaskKind> = new Set(['train', 'preview', 'denoise']);

export const tasks: TaskTable = {
  scan: scanTask,
  train: runTrain,
  estimate: runEstimate,
  preview: runPreview,
  denoise: runDenoise,
};
