import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type {
  DropResponse,
  EventChannel,
  EventOf,
  Gr2rBridge,
  InvokeChannel,
  RequestOf,
  ResponseOf,
} from '../shared/contract';
import { dropChannel, isEventChannel, isInvokeChannel } from '../shared/contract';
import { fail } from '../shared/result';

/**
 * `window.gr2r`: two verbs over the contract's channels and nothing else (no raw ipcRenderer). A channel the
 * contract does not list is refused here; main checks the sender and the payload again. `drop` turns dropped
 * File objects into their paths here, out of the page's reach (`pathForFile`: Electron's webUtils.getPathForFile,
 * '' for a File the page made itself), so the page never sends a path.
 */
export function createBridge(
  ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
  pathForFile?: (file: File) => string,
): Gr2rBridge {
  return {
    ...(pathForFile && {
      drop(files: readonly File[]): Promise<DropResponse> {
        const paths = files.map((file) => pathForFile(file)).filter((path) => path !== '');
        if (paths.length === 0)
          return Promise.resolve(
            fail('invalid-request', 'nothing dropped has a place on disk: drop a folder or images from one folder'),
          );
        return ipc.invoke(dropChannel.name, { paths }) as Promise<DropResponse>;
      },
    }),
    invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      if (!isInvokeChannel(channel))
        return Promise.resolve(fail('invalid-request', `unknown channel ${String(channel)}`) as ResponseOf<C>);
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
