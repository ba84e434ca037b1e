import type {
  DropResponse,
  EventChannel,
  EventOf,
  Gr2rBridge,
  InvokeChannel,
  RequestOf,
  ResponseOf,
  ValueOf,
} from '../../main/shared/contract';
import type { Result } from '../../main/shared/result';
import { fail, ok } from '../../main/shared/result';
import { useBridge } from '../../renderer/src/api';

export type Answers = {
  [C in InvokeChannel]?: (
    request: RequestOf<C>,
  ) => ValueOf<C> | Result<ValueOf<C>> | Promise<ValueOf<C> | Result<ValueOf<C>>>;
};

/**
 * Main as the renderer sees it, in memory: canned answers per channel, recorded calls, and events on demand.
 * `drop`: Electron's drop (the preload's), absent as in a browser.
 */
export function installFakeBridge(answers: Answers, drop?: (files: readonly File[]) => DropResponse) {
  const calls: { channel: InvokeChannel; request: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: Gr2rBridge = {
    ...(drop && { drop: async (files: readonly File[]) => drop(files) }),
    async invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
      calls.push({ channel, request });
      const answer = answers[channel] as ((r: RequestOf<C>) => unknown) | undefined;
      if (!answer) return fail('unsupported', `${channel} is not part of this test`) as ResponseOf<C>;
      const value = await answer(request);
      const isResult = typeof value === 'object' && value !== null && 'ok' in value;
      return (isResult ? value : ok(value)) as ResponseOf<C>;
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  useBridge(bridge, 'gr2r://image');
  const emit = <E extends EventChannel>(event: E, payload: EventOf<E>) =>
    listeners.get(event)?.forEach((l) => l(payload));
  return { calls, emit, channels: () => calls.map((c) => c.channel) };
}

export const electronInfo = { version: '0.1.0', mode: 'electron' as const, canOpenFolders: true, backend: null };
