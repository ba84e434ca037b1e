import type {
  EventChannel,
  EventOf,
  Gr2rBridge,
  InvokeChannel,
  OpenedDataset,
  RequestOf,
  ValueOf,
} from '../../main/shared/contract';
import { dropChannel, eventChannels, invokeChannels } from '../../main/shared/contract';
import type { ImageRef } from '../../main/shared/dataset';
import type { DisplayStretch } from '../../main/shared/display-stretch';
import type { Result } from '../../main/shared/result';
import { fail } from '../../main/shared/result';
import { httpBridge } from './api-http';

/** How images reach the page: Electron's read-only protocol, or the server's /image/ route. */
interface Backend {
  readonly bridge: Gr2rBridge;
  readonly imageBase: string;
}

let backend: Backend | undefined;

function current(): Backend {
  backend ??= window.gr2r
    ? { bridge: window.gr2r, imageBase: 'gr2r://image' }
    : { bridge: httpBridge(), imageBase: new URL('image', window.location.href).href };
  return backend;
}

/** Tests put a fake bridge in place of Electron or the server. */
export function useBridge(bridge: Gr2rBridge, imageBase = 'gr2r://image'): void {
  backend = { bridge, imageBase };
}

/**
 * The only place the renderer talks to the backend. Every response is checked against the contract, so a
 * store sees either a value of the right shape or `{ ok: false, error }`.
 */
export async function call<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<Result<ValueOf<C>>> {
  const response: unknown = await current().bridge.invoke(channel, request);
  const parsed = invokeChannels[channel].response.safeParse(response);
  if (!parsed.success) return fail('internal', `${channel}: unexpected response from the app`);
  return parsed.data as Result<ValueOf<C>>;
}

/**
 * Why a drop does nothing in a browser: a page gets a dropped file's name and bytes, never its place on disk, and
 * the browser may not even run on the machine that serves (an ssh tunnel), so no name can be matched to a folder
 * under the served root without guessing. The picker lists those folders instead.
 */
export const BROWSER_DROP_REFUSAL =
  'A browser does not tell the page where dropped files are on disk, so gr2r serve cannot open them: choose the folder in the picker (it lists the folders it serves).';

/** Files and folders dropped on the window, opened as a dataset by main (Electron); refused in a browser. */
export async function dropFiles(files: readonly File[]): Promise<Result<OpenedDataset>> {
  const { bridge } = current();
  if (!bridge.drop) return fail('unsupported', BROWSER_DROP_REFUSAL);
  const parsed = dropChannel.response.safeParse(await bridge.drop(files));
  return parsed.success ? parsed.data : fail('internal', 'the drop: unexpected response from the app');
}

export function on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
  return current().bridge.on(event, (payload: unknown) => {
    const parsed = eventChannels[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventOf<E>);
  });
}

export interface ImageUrlOptions {
  /** Longest side in pixels (thumbnails). */
  readonly size?: number;
  /** Show with this image's display range (a result with its input's). */
  readonly like?: ImageRef;
  /** Float data: how it is stretched for the screen ('auto' when left out). */
  readonly stretch?: DisplayStretch;
  /** A ratio image noisy / denoised: shown on its fixed range, 1 mid-grey. */
  readonly ratio?: boolean;
}

export function imageUrl(ref: ImageRef, options: ImageUrlOptions = {}): string {
  const query = new URLSearchParams();
  if (options.size) query.set('size', String(options.size));
  if (options.like) query.set('like', `${options.like.folderId}/${options.like.file}`);
  if (options.stretch && options.stretch !== 'auto') query.set('stretch', options.stretch);
  if (options.ratio) query.set('ratio', '1');
  const search = query.size ? `?${query}` : '';
  return `${current().imageBase}/${ref.folderId}/${encodeURIComponent(ref.file)}${search}`;
}
