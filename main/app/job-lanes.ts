import type { WorkerTaskKind } from '../shared/worker-messages';

/**
 * Kinds that run one at a time: two trainings (or two exports) at once would share the same cores and memory
 * and both go slower than one after the other. Screen images too: a page of thumbnails of big float TIFFs
 * decoded at once could run the worker, and the training in it, out of memory. Scans and the backend probe are
 * cheap and never wait.
 */
export const oneAtATime: ReadonlySet<WorkerTaskKind> = new Set(['train', 'denoise', 'estimate', 'preview', 'screen']);

/** Per-kind queues: which job of each one-at-a-time kind runs, and which wait, in order. */
export class JobLanes {
  private readonly running = new Map<WorkerTaskKind, string>();
  private readonly waiting = new Map<WorkerTaskKind, string[]>();

  /** True when the job may start now (and it is marked running); false when it was queued. */
  admit(kind: WorkerTaskKind, id: string): boolean {
    if (!oneAtATime.has(kind)) return true;
    if (!this.running.has(kind)) {
      this.running.set(kind, id);
      return true;
    }
    this.waiting.set(kind, [...(this.waiting.get(kind) ?? []), id]);
    return false;
  }

  isWaiting(kind: WorkerTaskKind, id: string): boolean {
    return this.waiting.get(kind)?.includes(id) ?? false;
  }

  /** Takes a waiting job out of its queue (cancelled before it started). */
  drop(kind: WorkerTaskKind, id: string): void {
    this.waiting.set(
      kind,
      (this.waiting.get(kind) ?? []).filter((w) => w !== id),
    );
  }

  /** The job ended: the next of its kind, if any, now runs and is returned. */
  release(kind: WorkerTaskKind, id: string): string | undefined {
    if (this.running.get(kind) !== id) return undefined;
    this.running.delete(kind);
    const [next, ...rest] = this.waiting.get(kind) ?? [];
    this.waiting.set(kind, rest);
    if (next !== undefined) this.running.set(kind, next);
    return next;
  }
}
