import type { UtilityProcess } from 'electron';
import type { SpawnWorker } from '../app/worker-handle';

type Fork = (
  modulePath: string,
  args?: string[],
  options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' },
) => UtilityProcess;

/** The compute worker as an Electron utilityProcess: a separate process, so training never blocks a window. */
export function utilityWorker(fork: Fork, entry: string): SpawnWorker {
  return () => {
    const child = fork(entry, [], { serviceName: 'GR2R Studio compute', stdio: 'inherit' });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(`exit code ${code}`)),
      kill: () => void child.kill(),
    };
  };
}
