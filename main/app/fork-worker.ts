import { fork } from 'node:child_process';
import type { SpawnWorker } from './worker-handle';

/**
 * Starts the compute worker as a Node child process: headless use (`gr2r serve`) and tests. A `.ts` entry runs
 * through tsx, resolved from this package so the current folder does not matter.
 */
export function forkWorker(entry: string): SpawnWorker {
  return () => {
    const execArgv = entry.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
    const child = fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        let told = false;
        const tell = (detail: string) => {
          if (!told) listener(detail);
          told = true;
        };
        child.once('exit', (code, signal) => tell(signal ? `signal ${signal}` : `exit code ${code}`));
        child.once('error', (error) => tell(`could not start: ${error.message}`));
      },
      kill: () => child.kill(),
    };
  };
}
