import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/contract';

/** The application menu: each item either asks the page to do something (a typed command) or is a standard role. */
export function menuTemplate(
  send: (command: MenuCommand) => void,
  platform: NodeJS.Platform,
  dev: boolean,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Choose Dataset Folder…', accelerator: 'CmdOrCtrl+O', click: () => send('choose-dataset') },
      { type: 'separator' },
      { label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: () => send('open-settings') },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const go: MenuItemConstructorOptions = {
    label: 'Go',
    submenu: [
      { label: 'Dataset', accelerator: 'CmdOrCtrl+1', click: () => send('show-dataset') },
      { label: 'Noise Model', accelerator: 'CmdOrCtrl+2', click: () => send('show-noise') },
      { label: 'Train', accelerator: 'CmdOrCtrl+3', click: () => send('show-train') },
      { label: 'Compare & Export', accelerator: 'CmdOrCtrl+4', click: () => send('show-compare') },
    ],
  };
  const run: MenuItemConstructorOptions = {
    label: 'Run',
    submenu: [
      { label: 'Start Training', accelerator: 'CmdOrCtrl+Enter', click: () => send('start-training') },
      { label: 'Stop Training', accelerator: 'CmdOrCtrl+.', click: () => send('stop-training') },
      { type: 'separator' },
      { label: 'Preview Visible Area', accelerator: 'CmdOrCtrl+P', click: () => send('preview-visible') },
      { label: 'Denoise All', accelerator: 'CmdOrCtrl+E', click: () => send('denoise-all') },
      { type: 'separator' },
      // Handled in the page while the key is held; listed here so that it can be found.
      { label: 'Hold to See the Original', accelerator: 'O', registerAccelerator: false, enabled: false },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(dev
        ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    go,
    run,
    view,
    { role: 'windowMenu' },
  ];
}
