import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { EventChannel, EventOf, Gr2rBridge, InvokeChannel, RequestOf, ResponseOf } from '../shared/contract';
import { isEventChannel, isInvokeChannel } from '../shared/contract';
import { fail } from '../shared/result';

/**
 * `window.gr2r`: two verbs over the contract's channels and nothing else (no raw ipcRenderer). A channel the
 * contract does not list is refused here; main checks the sender and the payload again.
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): Gr2rBridge {
  return {
    invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      if (!isInvokeChannel(channel)) return Promise.resolve(fail('invalid-request', `unknown channel ${String(channel)}`) as ResponseOf<C>);
      return ipc.invoke(channel, request) as Promise<ResponseOf<C>>;
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      if (!isEventChannel(event)) throw new Error(`unknown event ${String(event)}`);
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as EventOf<E>);
      ipc.on(event, forward);
      return () => {
        ipc.removeListener(event, forward);
      };
    },
  };
}
