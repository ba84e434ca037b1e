import type { BackendName } from '../engine/backend';
import type { GradientWorkers, ShardSetup } from '../engine/parallel/types';
import { GradientThread, spawnThread } from './gradient-thread';

export interface GradientWorkerOptions {
  readonly count: number;
  /** The backend every worker starts; each thread has its own TensorFlow.js engine. */
  readonly backend: BackendName;
  /** The worker's entry (tests point it elsewhere). */
  readonly entry?: URL;
}

export interface GradientThreadPool extends GradientWorkers {
  /** How many threads have not exited yet. */
  alive(): number;
}

const defaultEntry = new URL('./gradient-worker.ts', import.meta.url);

/**
 * Data-parallel training on worker threads: returns the engine's `StartGradientWorkers`, which starts `count`
 * threads on the run's network. A thread that fails to start stops them all.
 */
export function startGradientWorkers(options: GradientWorkerOptions): (setup: ShardSetup) => Promise<GradientThreadPool> {
  return async (setup) => {
    const entry = options.entry ?? defaultEntry;
    const threads = Array.from({ length: options.count }, (_, k) => new GradientThread(spawnThread(entry), `gradient worker ${k + 1} of ${options.count}`));
    const pool: GradientThreadPool = {
      computers: threads.map((t) => t.compute),
      close: async () => {
        await Promise.all(threads.map((t) => t.stop()));
      },
      alive: () => threads.filter((t) => t.alive).length,
    };
    try {
      await Promise.all(threads.map((t) => t.setup(setup, options.backend)));
      return pool;
    } catch (error) {
      await pool.close();
      throw error;
    }
  };
}
