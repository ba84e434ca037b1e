import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CancelFiles } from './cancel-files';
import { AppFailure } from './shared/result';
import type { BackendChoice, BackendReportData } from './shared/settings';
import type { SpawnWorker, WorkerHandle } from './worker-handle';
import type { FromWorker, WorkerProgress, WorkerResult, WorkerTask, WorkerTaskKind } from './worker/messages';
import { fromWorkerSchema, workerResultSchemas } from './worker/messages';

export interface JobHooks {
  onProgress?(update: WorkerProgress): void;
  onNote?(message: string): void;
}

export interface RunningJob<K extends WorkerTaskKind> {
  readonly id: string;
  readonly done: Promise<WorkerResult<K>>;
}

interface Pending {
  readonly kind: WorkerTaskKind;
  readonly hooks: JobHooks;
  resolve(result: unknown): void;
  reject(error: AppFailure): void;
}

/**
 * The one job manager: starts the compute worker when a job needs it, sends it typed tasks, relays progress,
 * forwards cancel, and turns a crash of the worker into a failed job (the app goes on; the next job starts a
 * fresh worker).
 */
export class JobManager {
  private worker: WorkerHandle | undefined;
  private readonly pending = new Map<string, Pending>();
  private report: BackendReportData | null = null;
  private readonly backendListeners = new Set<(report: BackendReportData) => void>();
  private restartWhenIdle = false;
  private readonly cancelFiles = new CancelFiles();

  constructor(private readonly spawn: SpawnWorker, private backendChoice: BackendChoice = 'auto') {}

  run<K extends WorkerTaskKind>(task: Extract<WorkerTask, { kind: K }>, hooks: JobHooks = {}): RunningJob<K> {
    const id = randomUUID();
    const done = new Promise<WorkerResult<K>>((resolve, reject) => {
      this.pending.set(id, { kind: task.kind, hooks, resolve: resolve as (r: unknown) => void, reject });
    });
    this.ensureWorker().send({ type: 'run', jobId: id, task, cancelFile: this.cancelFiles.path(id) });
    return { id, done };
  }

  /** Asks the job to stop at its next step; false when no such job is running. */
  cancel(id: string): boolean {
    if (!this.pending.has(id) || !this.worker) return false;
    this.cancelFiles.signal(id);
    this.worker.send({ type: 'cancel', jobId: id });
    return true;
  }

  get backend(): BackendReportData | null {
    return this.report;
  }

  onBackend(listener: (report: BackendReportData) => void): () => void {
    this.backendListeners.add(listener);
    return () => this.backendListeners.delete(listener);
  }

  /** A new backend choice applies from the next worker: now if idle, else once the running jobs end. */
  setBackendChoice(choice: BackendChoice): void {
    if (choice === this.backendChoice) return;
    this.backendChoice = choice;
    this.restartWhenIdle = true;
    this.stopIfIdle();
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  dispose(): void {
    for (const [id, job] of this.pending) job.reject(new AppFailure('failed', `job ${id} stopped: the app is closing`));
    this.pending.clear();
    this.worker?.kill();
    this.worker = undefined;
    this.cancelFiles.dispose();
  }

  private ensureWorker(): WorkerHandle {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    this.worker = worker;
    worker.onMessage((data) => this.receive(data));
    worker.onExit((detail) => this.exited(worker, detail));
    worker.send({ type: 'init', backend: this.backendChoice });
    return worker;
  }

  private stopIfIdle(): void {
    if (!this.restartWhenIdle || this.pending.size > 0) return;
    this.restartWhenIdle = false;
    const worker = this.worker;
    this.worker = undefined;
    worker?.kill();
  }

  private exited(worker: WorkerHandle, detail: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    // The system kills a process that runs out of memory with SIGKILL: then the fix is a smaller job.
    const hint = detail.includes('SIGKILL') ? ', probably out of memory; try a smaller batch, patch or tile' : '';
    const message = `The compute worker stopped unexpectedly (${detail}${hint}). Nothing else is affected: the next job starts a new worker.`;
    for (const job of this.pending.values()) job.reject(new AppFailure('worker-crashed', message));
    this.pending.clear();
  }

  private receive(data: unknown): void {
    const parsed = fromWorkerSchema.safeParse(data);
    if (!parsed.success) {
      process.stderr.write(`gr2r: ignored a malformed message from the worker: ${z.prettifyError(parsed.error)}\n`);
      return;
    }
    this.handle(parsed.data);
  }

  private handle(message: FromWorker): void {
    if (message.type === 'ready') {
      this.report = message.backend;
      for (const listener of this.backendListeners) listener(message.backend);
      return;
    }
    const job = this.pending.get(message.jobId);
    if (!job) return;
    if (message.type === 'progress') job.hooks.onProgress?.(message.update);
    else if (message.type === 'note') job.hooks.onNote?.(message.message);
    else this.settle(message.jobId, job, message);
  }

  private settle(id: string, job: Pending, message: Extract<FromWorker, { type: 'done' | 'failed' }>): void {
    this.pending.delete(id);
    this.cancelFiles.forget(id);
    if (message.type === 'failed') job.reject(new AppFailure(message.error.code, message.error.message));
    else {
      const result = workerResultSchemas[job.kind].safeParse(message.result);
      if (result.success) job.resolve(result.data);
      else job.reject(new AppFailure('internal', `the worker's ${job.kind} result was malformed: ${z.prettifyError(result.error)}`));
    }
    this.stopIfIdle();
  }
}
