import { z } from 'zod';
import type { BackendName, BackendReport } from '../engine/backend';
import { initBackend } from '../engine/backend';
import { reasonOf } from '../io';
import type { BackendChoice, NetworkEngines } from '../shared/settings';
import type { FromWorker, WorkerTask } from '../shared/worker-messages';
import { toWorkerSchema } from '../shared/worker-messages';
import { networkEngines } from '../runtime/network-engines';
import { cancelSignal } from './cancel-signal';
import type { TaskTable } from './tasks';
import { computeTasks } from './tasks';

/** Runs the tasks main sends, several at a time if asked; each answers cancel between its steps. */
export class WorkerRunner {
  private readonly running = new Map<string, AbortController>();
  private backendChoice: BackendChoice = 'auto';
  private reported: BackendReport | undefined;

  constructor(
    private readonly send: (message: FromWorker) => void,
    private readonly table: TaskTable,
    private readonly backend: (force?: BackendName) => Promise<BackendReport> = initBackend,
    private readonly engines: (backend: BackendName) => Promise<NetworkEngines> = networkEngines,
  ) {}

  receive(data: unknown): void {
    const parsed = toWorkerSchema.safeParse(data);
    if (!parsed.success) {
      process.stderr.write(`gr2r worker: ignored a malformed message: ${z.prettifyError(parsed.error)}\n`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'init') this.backendChoice = message.backend;
    else if (message.type === 'cancel') this.running.get(message.jobId)?.abort();
    else if (message.type === 'ping') this.send({ type: 'pong' });
    else void this.run(message.jobId, message.task, message.cancelFile);
  }

  private forced(): BackendName | undefined {
    return this.backendChoice === 'auto' ? undefined : this.backendChoice;
  }

  private async reportBackend(): Promise<void> {
    const report = await this.backend(this.forced());
    if (report !== this.reported)
      this.send({
        type: 'ready',
        backend: { name: report.name, skipped: [...report.skipped], engines: await this.engines(report.name) },
      });
    this.reported = report;
  }

  private async run(jobId: string, task: WorkerTask, cancelFile?: string): Promise<void> {
    if (this.running.has(jobId)) return;
    const controller = new AbortController();
    this.running.set(jobId, controller);
    try {
      if (computeTasks.has(task.kind)) await this.reportBackend();
      const context = {
        signal: cancelSignal(controller, cancelFile),
        backend: this.forced(),
        progress: (update: Extract<FromWorker, { type: 'progress' }>['update']) =>
          this.send({ type: 'progress', jobId, update }),
        note: (message: string) => this.send({ type: 'note', jobId, message }),
      };
      const execute = this.table[task.kind] as (t: WorkerTask, c: typeof context) => Promise<unknown>;
      this.send({ type: 'done', jobId, result: await execute(task, context) });
    } catch (error) {
      const message = controller.signal.aborted ? 'cancelled' : reasonOf(error);
      this.send({ type: 'failed', jobId, error: { code: 'failed', message } });
    } finally {
      this.running.delete(jobId);
    }
  }
}
