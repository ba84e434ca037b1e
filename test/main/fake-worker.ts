import type { SpawnWorker, WorkerHandle } from '../../main/app/worker-handle';
import type { FromWorker, ToWorker } from '../../main/shared/worker-messages';

/** A worker in memory: records what main sends, and plays the worker's answers, or its death. */
export class FakeWorker implements WorkerHandle {
  readonly sent: ToWorker[] = [];
  killed = false;
  private listener: (data: unknown) => void = () => undefined;
  private exitListener: (detail: string) => void = () => undefined;

  send(message: ToWorker): void {
    this.sent.push(message);
  }

  onMessage(listener: (data: unknown) => void): void {
    this.listener = listener;
  }

  onExit(listener: (detail: string) => void): void {
    this.exitListener = listener;
  }

  kill(): void {
    this.killed = true;
  }

  answer(message: FromWorker | Record<string, unknown>): void {
    this.listener(message);
  }

  die(detail = 'signal SIGKILL'): void {
    this.exitListener(detail);
  }

  runs(): Extract<ToWorker, { type: 'run' }>[] {
    return this.sent.filter((m): m is Extract<ToWorker, { type: 'run' }> => m.type === 'run');
  }
}

export function fakeSpawner(): { spawn: SpawnWorker; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  return {
    workers,
    spawn: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
  };
}
