import type { EventChannel, EventOf, Gr2rBridge, InvokeChannel, RequestOf, ValueOf } from '../../main/shared/contract';
import { eventChannels, invokeChannels } from '../../main/shared/contract';
import type { ImageRef } from '../../main/shared/dataset';
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
}

export function imageUrl(ref: ImageRef, options: ImageUrlOptions = {}): string {
  const query = new URLSearchParams();
  if (options.size) query.set('size', String(options.size));
  if (options.like) query.set('like', `${options.like.folderId}/${options.like.file}`);
  const search = query.size ? `?${query}` : '';
  return `${current().imageBase}/${ref.folderId}/${encodeURIComponent(ref.file)}${search}`;
}
