// Electron main: the app's lifecycle only. Everything it wires is a plain module tested without Electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, session, shell, utilityProcess } from 'electron';
import { DialogChooser } from './dialogs';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { appPaths } from '../app/paths';
import { APP_ORIGIN, appSchemePrivileges, registerAppProtocol } from './protocol';
import { hardenContents, hardenSession } from './security';
import type { AppServices } from '../services/app-services';
import { createServices, warmUp } from '../services/create-services';
import { createHandlers } from '../services/handlers';
import { AppFailure } from '../shared/result';
import { followJobsInTaskbar } from './taskbar';
import { notifyLongJobs } from './job-notifications';
import { utilityWorker } from './utility-worker';
import { boundsOf, createMainWindow } from './window';
import { folderArgument } from './folder-argument';

const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const startUrl = devServer ?? `${APP_ORIGIN}/index.html`;
let window: BrowserWindow | undefined;
let services: AppServices | undefined;

protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

async function openFolder(path: string): Promise<void> {
  const error = await shell.openPath(path);
  if (error) throw new AppFailure('failed', `the folder could not be opened: ${error}`);
}

function showWindow(app: AppServices, preload: string): void {
  window = createMainWindow(BrowserWindow, { preload, url: startUrl, bounds: app.settings.window });
  const shown = window;
  shown.on('close', () => void app.settings.setWindow(boundsOf(shown)));
  shown.on('closed', () => (window = undefined));
  const send = (command: Parameters<Parameters<typeof menuTemplate>[0]>[0]) => shown.webContents.send('app:command', command);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(send, process.platform, devServer !== undefined)));
}

/** A folder named on the command line (`gr2r-studio ~/photos`, or the OS opening a folder with the app). */
const startFolder = folderArgument(process.argv.slice(app.isPackaged ? 1 : 2));

async function ready(): Promise<void> {
  const paths = appPaths(app.getAppPath(), true);
  hardenSession(session.defaultSession, devServer);
  const created = await createServices({
    mode: 'electron', version: app.getVersion(), dataDir: app.getPath('userData'),
    chooser: new DialogChooser(dialog, () => window), spawnWorker: utilityWorker(utilityProcess.fork, paths.worker), openFolder,
    ...(startFolder && { startDataset: startFolder }),
  });
  services = created;
  for (const note of created.notes) console.warn(note);
  warmUp(created);
  registerAppProtocol(protocol, paths.renderer, services.images);
  registerIpc(ipcMain, createHandlers(services), [APP_ORIGIN, ...(devServer ? [new URL(devServer).origin] : [])]);
  services.hub.subscribe((event, payload) => {
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  });
  followJobsInTaskbar(services.hub, () => window);
  const notifier = { show: (title: string, body: string) => Notification.isSupported() && new Notification({ title, body }).show() };
  notifyLongJobs(services.hub, notifier, () => (window && !window.isDestroyed() ? window : undefined));
  showWindow(services, paths.preload);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, () => startUrl));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => services?.jobs.dispose());
  app.whenReady().then(ready).catch((error: unknown) => {
    dialog.showErrorBox('GR2R Studio could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
}
