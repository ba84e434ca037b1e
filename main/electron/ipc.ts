import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../services/dispatch';
import type { Handlers } from '../services/handlers';
import { invokeChannelNames } from '../shared/contract';
import { fail } from '../shared/result';

/** Where our page comes from: the app protocol, and the dev server in development. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, origins: readonly string[]): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return origins.includes(`${url.protocol}//${url.host}`);
  } catch {
    return false;
  }
}

/**
 * One `ipcMain.handle` per contract channel: the sender is checked (our page, top frame) and the payload is
 * validated before any handler runs; every answer is a value, never a thrown error.
 */
export function registerIpc(
  ipc: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  origins: readonly string[],
): () => void {
  for (const channel of invokeChannelNames) {
    ipc.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event, origins)) return fail('forbidden', 'this page may not use the app');
      return dispatch(handlers, channel, payload);
    });
  }
  return () => invokeChannelNames.forEach((channel) => ipc.removeHandler(channel));
}
