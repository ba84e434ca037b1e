import { existsSync } from 'node:fs';

const abortedOf = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;

/**
 * The job's AbortSignal, which also aborts once main has created the job's cancel file. A training loop on
 * WebAssembly only awaits promises, so this process reads no message (cancel included) until the loop next
 * touches the disk; the file is seen at the next step, when the loop reads `signal.aborted`.
 */
export function cancelSignal(controller: AbortController, file: string | undefined): AbortSignal {
  const signal = controller.signal;
  if (!file) return signal;
  Object.defineProperty(signal, 'aborted', {
    get(): boolean {
      if (!abortedOf.call(signal) && existsSync(file)) controller.abort();
      return abortedOf.call(signal) as boolean;
    },
  });
  return signal;
}
