import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { DialogChooser } from '../../main/electron/dialogs';
import { menuTemplate } from '../../main/electron/menu';
import { respond } from '../../main/electron/protocol';
import { hardenContents, hardenSession } from '../../main/electron/security';
import { EventHub } from '../../main/services/events';
import { FolderRegistry } from '../../main/services/folders';
import { ImageService } from '../../main/services/image-response';
import { followJobsInTaskbar } from '../../main/electron/taskbar';
import { createMainWindow } from '../../main/electron/window';

type Listener = (...args: unknown[]) => void;

class FakeWindow {
  static last: FakeWindow;
  readonly listeners = new Map<string, Listener>();
  shown = false;
  url = '';
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.last = this;
  }
  once(event: string, listener: Listener) {
    this.listeners.set(event, listener);
  }
  show() {
    this.shown = true;
  }
  maximize() {}
  async loadURL(url: string) {
    this.url = url;
  }
}

describe('the Electron window and session', () => {
  it('is isolated, sandboxed, without Node, and shown only when ready', () => {
    createMainWindow(FakeWindow as never, { preload: '/app/out/preload/index.cjs', url: 'gr2r://app/index.html' });
    const window = FakeWindow.last;
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(false);
    window.listeners.get('ready-to-show')!();
    expect(window.shown).toBe(true);
    expect(window.url).toBe('gr2r://app/index.html');
  });

  it('denies new windows, webviews, navigation and redirects', () => {
    const handlers = new Map<string, Listener>();
    let openHandler: (() => unknown) | undefined;
    hardenContents(
      {
        on: (event: string, l: Listener) => handlers.set(event, l),
        setWindowOpenHandler: (h: () => unknown) => (openHandler = h),
      } as never,
      () => 'gr2r://app/index.html',
    );
    expect(openHandler!()).toEqual({ action: 'deny' });
    for (const [event, url] of [
      ['will-navigate', 'https://evil.example/'],
      ['will-redirect', 'gr2r://app/x'],
      ['will-attach-webview', ''],
    ] as const) {
      const prevented = vi.fn();
      handlers.get(event)!({ url, preventDefault: prevented });
      expect(prevented).toHaveBeenCalled();
    }
    const stay = vi.fn();
    handlers.get('will-navigate')!({ url: 'gr2r://app/index.html', preventDefault: stay });
    expect(stay).not.toHaveBeenCalled();
  });

  it('refuses every permission and every request off the machine', async () => {
    let request: ((w: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let filter: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    hardenSession(
      {
        setPermissionRequestHandler: (h: typeof request) => (request = h),
        setPermissionCheckHandler: (h: typeof check) => (check = h),
        webRequest: { onBeforeRequest: (_f: unknown, h: typeof filter) => (filter = h) },
      } as never,
      'http://127.0.0.1:5173/',
    );
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications'])
      request!(null, permission, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false]);
    expect(check!()).toBe(false);
    const cancelled = (url: string) => new Promise((resolve) => filter!({ url }, (r) => resolve(r.cancel)));
    expect(await cancelled('https://example.com/tracker.js')).toBe(true);
    expect(await cancelled('http://127.0.0.1:5173/src/main.ts')).toBe(false);
  });
});

describe('the app protocol', () => {
  it('serves the page from the build, images from chosen folders only, nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gr2r-protocol-'));
    await mkdir(join(dir, 'ui'));
    await writeFile(join(dir, 'ui', 'index.html'), '<!doctype html>');
    const images = new ImageService(new FolderRegistry(), () => Promise.reject(new Error('no worker in this test')));
    const page = await respond(new Request('gr2r://app/index.html'), join(dir, 'ui'), images);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/img-src 'self' gr2r:/);
    expect((await respond(new Request('gr2r://app/../../etc/passwd'), join(dir, 'ui'), images)).status).toBe(404);
    expect(
      (await respond(new Request('gr2r://image/00000000-0000-0000-0000-000000000000/a.png'), join(dir, 'ui'), images))
        .status,
    ).toBe(404);
    expect((await respond(new Request('gr2r://other/x'), join(dir, 'ui'), images)).status).toBe(404);
    expect(
      (await respond(new Request('gr2r://app/index.html', { method: 'POST', body: 'x' }), join(dir, 'ui'), images))
        .status,
    ).toBe(405);
  });
});

describe('menus, dialogs and the taskbar', () => {
  it('sends typed commands from the menu', () => {
    const sent: string[] = [];
    const template = menuTemplate((c) => sent.push(c), 'linux', false);
    const file = template.find((m) => m.label === 'File')!.submenu as { label?: string; click?: () => void }[];
    file.find((i) => i.label?.startsWith('Choose Dataset'))!.click!();
    expect(sent).toEqual(['choose-dataset']);
    expect(JSON.stringify(template)).not.toMatch(/toggleDevTools/);
    const run = template.find((m) => m.label === 'Run')!.submenu as {
      label?: string;
      accelerator?: string;
      click?: () => void;
    }[];
    for (const item of run) item.click?.();
    expect(sent.slice(1)).toEqual(['start-training', 'stop-training', 'preview-visible', 'denoise-all']);
    expect(run.filter((i) => i.label).map((i) => `${i.label} ${i.accelerator}`)).toEqual([
      'Start Training CmdOrCtrl+Enter',
      'Stop Training CmdOrCtrl+.',
      'Preview Visible Area CmdOrCtrl+P',
      'Denoise All CmdOrCtrl+E',
      'Hold to See the Original O',
    ]);
  });

  it('returns the folder the dialog chose, or null when cancelled', async () => {
    const dialog = {
      showOpenDialog: vi
        .fn()
        .mockResolvedValueOnce({ canceled: false, filePaths: ['/photos'] })
        .mockResolvedValueOnce({ canceled: true, filePaths: [] }),
    };
    const chooser = new DialogChooser(dialog as never, () => undefined);
    expect(await chooser.choose('dataset')).toBe('/photos');
    expect(await chooser.choose('output')).toBeNull();
    expect(dialog.showOpenDialog.mock.calls[0]![0]).toMatchObject({ properties: ['openDirectory', 'createDirectory'] });
  });

  it('shows the progress of running jobs in the taskbar and clears it after', () => {
    const hub = new EventHub();
    const bar: number[] = [];
    followJobsInTaskbar(hub, () => ({ setProgressBar: (v: number) => bar.push(v), isDestroyed: () => false }) as never);
    hub.emit('job:update', {
      type: 'train-progress',
      jobId: 'j',
      progress: { phase: 'training', step: 5, total: 20, loss: 1, estPsnr: null, etaMs: 1 },
    });
    hub.emit('job:update', {
      type: 'done',
      jobId: 'j',
      result: {
        kind: 'estimate',
        report: {
          images: [],
          pooled: { family: 'gaussian', sigma: 0.1, spread: 0, uncertainty: 0, count: 0, outliers: [] },
          warnings: [],
        },
      },
    });
    expect(bar).toEqual([0.25, -1]);
  });
});
