import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CancelFiles } from './cancel-files';
import { AppFailure } from '../shared/result';
import type { BackendChoice, BackendReportData } from '../shared/settings';
import { JobLanes } from './job-lanes';
import type { SpawnWorker, WorkerHandle } from './worker-handle';
import type { WatchdogOptions } from './worker-watchdog';
import { defaultWatchdog, Watchdog } from './worker-watchdog';
import type { FromWorker, WorkerProgress, WorkerResult, WorkerTask, WorkerTaskKind } from '../shared/worker-messages';
import { fromWorkerSchema, workerResultSchemas } from '../shared/worker-messages';

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
  readonly task: WorkerTask;
  readonly hooks: JobHooks;
  /** Sent to the worker (else waiting in its kind's queue). */
  sent: boolean;
  resolve(result: unknown): void;
  reject(error: AppFailure): void;
}

/**
 * The one job manager: starts the compute worker when a job needs it, sends it typed tasks, relays progress,
 * forwards cancel, and turns a crash of the worker into a failed job (the app goes on; the next job starts a
 * fresh worker). Jobs of one kind run one at a time, the others wait in order (job-lanes.ts); a worker that stops
 * answering while busy is killed and its jobs failed with a message (worker-watchdog.ts).
 */
export class JobManager {
  private worker: WorkerHandle | undefined;
  private readonly pending = new Map<string, Pending>();
  private report: BackendReportData | null = null;
  private readonly backendListeners = new Set<(report: BackendReportData) => void>();
  private restartWhenIdle = false;
  private readonly cancelFiles = new CancelFiles();
  private readonly lanes = new JobLanes();
  private watchdog: Watchdog | undefined;

  constructor(
    private readonly spawn: SpawnWorker,
    private backendChoice: BackendChoice = 'auto',
    private readonly watch: WatchdogOptions = defaultWatchdog,
  ) {}

  run<K extends WorkerTaskKind>(task: Extract<WorkerTask, { kind: K }>, hooks: JobHooks = {}): RunningJob<K> {
    const id = randomUUID();
    const done = new Promise<WorkerResult<K>>((resolve, reject) => {
      this.pending.set(id, {
        kind: task.kind,
        task,
        hooks,
        sent: false,
        resolve: resolve as (r: unknown) => void,
        reject,
      });
    });
    if (this.lanes.admit(task.kind, id)) this.dispatch(id);
    return { id, done };
  }

  /** Asks the job to stop at its next step (a waiting one never starts); false when no such job is running. */
  cancel(id: string): boolean {
    const job = this.pending.get(id);
    if (job && !job.sent) {
      this.lanes.drop(job.kind, id);
      this.pending.delete(id);
      job.reject(new AppFailure('failed', 'cancelled'));
      return true;
    }
    if (!job || !this.worker) return false;
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
    this.watchdog?.stop();
    this.worker?.kill();
    this.worker = undefined;
    this.cancelFiles.dispose();
  }

  private dispatch(id: string): void {
    const job = this.pending.get(id);
    if (!job) return;
    job.sent = true;
    this.ensureWorker().send({ type: 'run', jobId: id, task: job.task, cancelFile: this.cancelFiles.path(id) });
    this.watchdog?.start();
  }

  private ensureWorker(): WorkerHandle {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    this.worker = worker;
    this.watchdog?.stop();
    const watchdog = new Watchdog(
      this.watch,
      () => worker.send({ type: 'ping' }),
      (silentMs) => this.hung(worker, silentMs),
    );
    this.watchdog = watchdog;
    worker.onMessage((data) => {
      watchdog.heard();
      this.receive(data);
    });
    worker.onExit((detail) => this.exited(worker, detail));
    worker.send({ type: 'init', backend: this.backendChoice });
    return worker;
  }

  /** A job is over: its kind's next job starts; the watchdog rests once nothing runs. */
  private finish(id: string, job: Pending): void {
    this.pending.delete(id);
    this.cancelFiles.forget(id);
    const next = this.lanes.release(job.kind, id);
    if (next !== undefined) this.dispatch(next);
    if (![...this.pending.values()].some((p) => p.sent)) this.watchdog?.stop();
  }

  /** Fails every job the worker was running (waiting ones then start on a fresh worker). */
  private failRunning(message: string): void {
    const running = [...this.pending].filter(([, job]) => job.sent);
    for (const [, job] of running) job.reject(new AppFailure('worker-crashed', message));
    for (const [id, job] of running) this.finish(id, job);
  }

  private hung(worker: WorkerHandle, silentMs: number): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    worker.kill();
    const seconds = Math.round(silentMs / 1000);
    this.failRunning(
      `The compute worker stopped answering for ${seconds} s, so it was stopped and its job failed. ` +
        'Nothing else is affected: the next job starts a new worker.',
    );
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
    this.watchdog?.stop();
    this.failRunning(
      `The compute worker stopped unexpectedly (${detail}${hint}). Nothing else is affected: the next job starts a new worker.`,
    );
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
    if (message.type === 'pong') return;
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
    this.finish(id, job);
    if (message.type === 'failed') job.reject(new AppFailure(message.error.code, message.error.message));
    else {
      const result = workerResultSchemas[job.kind].safeParse(message.result);
      if (result.success) job.resolve(result.data);
      else
        job.reject(
          new AppFailure('internal', `the worker's ${job.kind} result was malformed: ${z.prettifyError(result.error)}`),
        );
    }
    this.stopIfIdle();
  }
}
