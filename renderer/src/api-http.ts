import type {
  EventChannel,
  EventOf,
  Gr2rBridge,
  InvokeChannel,
  RequestOf,
  ResponseOf,
} from '../../main/shared/contract';
import { fail } from '../../main/shared/result';

type Listener = (payload: unknown) => void;

/**
 * The bridge over HTTP + WebSocket to `gr2r serve`. The token is a cookie the server set when the page was
 * opened, so it never appears in this code; the socket reconnects after a drop.
 */
export function httpBridge(base: URL = new URL(window.location.href)): Gr2rBridge {
  const listeners = new Map<string, Set<Listener>>();
  const connect = (delay: number) => {
    const socket = new WebSocket(new URL('api/events', base.href.replace(/^http/, 'ws')));
    socket.onopen = () => (delay = 500);
    socket.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
    socket.onclose = () => window.setTimeout(() => connect(Math.min(delay * 2, 8000)), delay);
  };
  connect(500);
  return {
    async invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      try {
        const response = await fetch(new URL(`api/invoke/${channel}`, base), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(request),
          credentials: 'same-origin',
        });
        if (!response.ok)
          return fail(
            'forbidden',
            `the server refused the request (${response.status}): reopen the address gr2r serve printed`,
          ) as ResponseOf<C>;
        return (await response.json()) as ResponseOf<C>;
      } catch {
        return fail('failed', 'the server cannot be reached: is `gr2r serve` still running?') as ResponseOf<C>;
      }
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
}
