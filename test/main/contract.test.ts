import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../main/electron/ipc';
import { createBridge } from '../../main/preload/bridge';
import { dispatch } from '../../main/services/dispatch';
import type { Handlers } from '../../main/services/handlers';
import { createHandlers } from '../../main/services/handlers';
import { eventChannelNames, invokeChannelNames, invokeChannels } from '../../main/shared/contract';
import { testServices } from './services-fixture';

async function handlers(): Promise<Handlers> {
  return createHandlers(await testServices(await mkdtemp(join(tmpdir(), 'gr2r-contract-'))));
}

function fakeIpcMain() {
  const registered = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
  const ipc = {
    handle: (channel: string, listener: never) => registered.set(channel, listener),
    removeHandler: (c: string) => registered.delete(c),
  };
  return { ipc: ipc as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>, registered };
}

const frame = (url: string, parent: object | null = null) =>
  ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;

describe('the contract', () => {
  it('has a handler for every invoke channel, and nothing else', async () => {
    expect(Object.keys(await handlers()).sort()).toEqual([...invokeChannelNames].sort());
  });

  it('has a preload entry for every invoke channel and every event', async () => {
    const ipc = { invoke: vi.fn(async () => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() };
    const bridge = createBridge(ipc as never);
    for (const channel of invokeChannelNames) await bridge.invoke(channel, {} as never);
    expect(ipc.invoke.mock.calls.map((call) => (call as unknown[])[0])).toEqual(invokeChannelNames);
    for (const event of eventChannelNames) bridge.on(event, () => undefined)();
    expect(ipc.on.mock.calls.map((call) => (call as unknown[])[0])).toEqual(eventChannelNames);
    expect(ipc.removeListener).toHaveBeenCalledTimes(eventChannelNames.length);
  });

  it('keeps the preload to the contract: unknown channels never reach ipcRenderer', async () => {
    const ipc = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
    const bridge = createBridge(ipc as never);
    const answer = await bridge.invoke('fs:readFile' as never, { path: '/etc/passwd' } as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(() => bridge.on('anything' as never, () => undefined)).toThrow(/unknown event/);
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('refuses a payload that fails its schema, as a value', async () => {
    const all = await handlers();
    const bad = [
      ['dataset:scan', { folderId: '../../etc' }],
      ['settings:update', { monteCarlo: 1000 }],
      ['settings:update', { theme: 'light' }],
      ['jobs:start', { kind: 'train', datasetId: 'x' }],
      ['folder:choose', { purpose: 'anything' }],
      ['no:such-channel', {}],
    ] as const;
    for (const [channel, payload] of bad) {
      expect(await dispatch(all, channel, payload)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it('answers a good request with a value that matches its response schema', async () => {
    const all = await handlers();
    for (const channel of ['app:info', 'settings:get', 'models:list'] as const) {
      const answer = await dispatch(all, channel, {});
      expect(invokeChannels[channel].response.safeParse(answer).success).toBe(true);
      expect(answer.ok).toBe(true);
    }
  });

  it('registers every channel in main and refuses unknown senders', async () => {
    const { ipc, registered } = fakeIpcMain();
    registerIpc(ipc, await handlers(), ['gr2r://app']);
    expect([...registered.keys()].sort()).toEqual([...invokeChannelNames].sort());
    const info = registered.get('app:info')!;
    expect(await info(frame('gr2r://app/index.html'), {})).toMatchObject({ ok: true });
    for (const stranger of [
      frame('https://example.com/'),
      frame('file:///tmp/evil.html'),
      frame('gr2r://app/index.html', {}),
      frame('not a url'),
    ]) {
      expect(await info(stranger, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await info({ senderFrame: null } as unknown as IpcMainInvokeEvent, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
