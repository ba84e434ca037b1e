import type { FromWorker } from '../shared/worker-messages';

/** The worker's line to main: Electron's `process.parentPort` in a utilityProcess, Node's IPC channel in a fork. */
export interface ParentPort {
  send(message: FromWorker): void;
  onMessage(listener: (data: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectParent(): ParentPort {
  const electronPort = (process as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    // A worker whose parent is gone has no one to answer: it leaves rather than train for nobody.
    process.once('disconnect', () => process.exit(0));
    return { send: (message) => void send(message), onMessage: (listener) => process.on('message', listener) };
  }
  throw new Error('the compute worker is started by GR2R Studio or `gr2r serve`; it has no parent to talk to here');
}
