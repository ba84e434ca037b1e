import type { BackendName } from '../engine/backend';

export type WorkerRequest = number | 'auto';

/**
 * How many data-parallel gradient workers a run uses. Only the wasm backend gains from them (it runs on one
 * thread; the native ones use every core already), and the batch must split into equal shards for the mean of
 * the shards' gradients to be the batch's. 'auto' quietly falls back to 1; an explicit count that cannot
 * work is an error with the fix.
 */
export function resolveWorkers(request: WorkerRequest, backend: BackendName, batch: number, cores: number): number {
  if (request === 'auto') {
    const count = Math.min(2, cores);
    return backend === 'wasm' && count > 1 && batch % count === 0 ? count : 1;
  }
  if (request === 1) return 1;
  if (backend !== 'wasm') throw new Error(`--workers ${request} needs the wasm backend (this run uses ${backend}, which uses every core already)`);
  if (batch % request !== 0) throw new Error(`a batch of ${batch} does not split into ${request} equal shards: choose a batch that is a multiple of ${request}`);
  return request;
}

// Measured in docs/speed.md: on the shared 2-core build machines (load ~10) two workers were not faster, so the
// default stays on one thread until a measurement on an idle machine says otherwise; `--workers auto` opts in.
export const defaultWorkers: WorkerRequest = 1;
