import { Worker } from 'node:worker_threads';
import type { BackendName } from '../engine/backend';
import type { GradientComputer, ShardSetup } from '../engine/parallel/types';
import type { FromGradientWorker, ToGradientWorker } from './gradient-messages';

/** Starts a worker thread on `entry`; a `.ts` entry runs through tsx, which a thread's execArgv cannot load in Node 20. */
export function spawnThread(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}

type Pending = { resolve: (message: FromGradientWorker) => void; reject: (error: Error) => void };

/** One gradient worker seen from the main thread: one request at a time, and a clear error when it dies. */
export class GradientThread {
  private pending: Pending | undefined;
  private failure: Error | undefined;
  private exited = false;

  constructor(private readonly worker: Worker, private readonly label: string) {
    worker.on('message', (message: FromGradientWorker) => this.settle(message));
    worker.on('error', (error) => this.fail(new Error(`${label} crashed: ${error.message}`)));
    worker.on('exit', (code) => {
      this.exited = true;
      this.fail(new Error(`${label} stopped (exit code ${code})`));
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  async setup(setup: ShardSetup, backend: BackendName): Promise<void> {
    await this.request({ kind: 'setup', setup, backend }, []);
  }

  readonly compute: GradientComputer = async (weights, input, target, shape) => {
    const answer = await this.request({ kind: 'step', weights, input, target, shape }, [input.buffer as ArrayBuffer, target.buffer as ArrayBuffer]);
    if (answer.kind !== 'gradients') throw new Error(`${this.label} answered ${answer.kind} to a step`);
    return { loss: answer.loss, gradients: answer.gradients };
  };

  async stop(): Promise<void> {
    this.failure ??= new Error(`${this.label} was stopped`);
    await this.worker.terminate();
  }

  private request(message: ToGradientWorker, transfer: ArrayBuffer[]): Promise<FromGradientWorker> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error(`${this.label} is busy`));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message, transfer);
    });
  }

  private settle(message: FromGradientWorker): void {
    const pending = this.pending;
    this.pending = undefined;
    if (message.kind === 'error') pending?.reject(new Error(`${this.label}: ${message.message}`));
    else pending?.resolve(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(this.failure);
  }
}
