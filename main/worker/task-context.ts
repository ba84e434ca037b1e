import type { BackendName } from '../engine/backend';
import type { WorkerProgress } from '../shared/worker-messages';

/** What a task gets from the runner: its cancel signal, the backend to use, and where to report. */
export interface TaskContext {
  readonly signal: AbortSignal;
  readonly backend: BackendName | undefined;
  progress(update: WorkerProgress): void;
  note(message: string): void;
}
