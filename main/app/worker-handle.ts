import type { ToWorker } from '../shared/worker-messages';

/** A running compute worker as the job manager sees it, whichever way it was started. */
export interface WorkerHandle {
  /** The process id, for logs (undefined until started). */
  readonly pid?: number;
  send(message: ToWorker): void;
  onMessage(listener: (data: unknown) => void): void;
  /** Called once when the process ends, with a description of how (exit code or signal). */
  onExit(listener: (detail: string) => void): void;
  kill(): void;
}

export type SpawnWorker = () => WorkerHandle;
