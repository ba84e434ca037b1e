// Electron main: the app's lifecycle only. Everything it wires is a plain module tested without Electron.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { DialogChooser } from './dialogs';
import { isTrustedSender, registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { appPaths } from '../app/paths';
import { APP_ORIGIN, appSchemePrivileges, registerAppProtocol } from './protocol';
import { hardenContents, hardenSession } from './security';
import type { AppServices } from '../services/app-services';
import { createServices, warmUp } from '../services/create-services';
import { createHandlers } from '../services/handlers';
import { AppFailure, fail } from '../shared/result';
import { followJobsInTaskbar } from './taskbar';
import { notifyLongJobs } from './job-notifications';
import { utilityWorker } from './utility-worker';
import { boundsOf, createMainWindow } from './window';
import { folderArgument } from './folder-argument';
import { openDropped } from '../services/dropped-paths';
import { dropChannel } from '../shared/contract';

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
  const send = (command: Parameters<Parameters<typeof menuTemplate>[0]>[0]) =>
    shown.webContents.send('app:command', command);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(send, process.platform, devServer !== undefined)));
}

/** Arguments after the executable (and, unpackaged, after the app's own folder). */
const argsOf = (argv: readonly string[]) => argv.slice(app.isPackaged ? 1 : 2);
/** A folder named on the command line (`gr2r-studio ~/photos`, or the OS opening a folder or image with the app). */
let startFolder = folderArgument(argsOf(process.argv));

/** A folder or image the OS hands the running app (a second launch, macOS's open-file): the page opens it. */
async function openFromOs(path: string): Promise<void> {
  if (!services) return;
  const opened = await openDropped(services, { paths: [path] });
  if (opened.ok) services.hub.emit('dataset:open', opened.value);
  else console.warn(`${path}: ${opened.error.message}`);
}

async function ready(): Promise<void> {
  const paths = appPaths(app.getAppPath(), true);
  hardenSession(session.defaultSession, devServer);
  const created = await createServices({
    mode: 'electron',
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    chooser: new DialogChooser(dialog, () => window),
    spawnWorker: utilityWorker(utilityProcess.fork, paths.worker),
    openFolder,
    ...(startFolder && { startDataset: startFolder }),
  });
  services = created;
  for (const note of created.notes) console.warn(note);
  warmUp(created);
  registerAppProtocol(protocol, paths.renderer, services.images);
  const origins = [APP_ORIGIN, ...(devServer ? [new URL(devServer).origin] : [])];
  registerIpc(ipcMain, createHandlers(services), origins);
  ipcMain.handle(dropChannel.name, (event, payload: unknown) => {
    if (!isTrustedSender(event, origins)) return fail('forbidden', 'this page may not use the app');
    return openDropped(created, payload);
  });
  services.hub.subscribe((event, payload) => {
    if (window && !window.isDestroyed()) window.webContents.send(event, payload);
  });
  followJobsInTaskbar(services.hub, () => window);
  const notifier = {
    show: (title: string, body: string) => Notification.isSupported() && new Notification({ title, body }).show(),
  };
  notifyLongJobs(services.hub, notifier, () => (window && !window.isDestroyed() ? window : undefined));
  showWindow(services, paths.preload);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
    const folder = folderArgument(argsOf(argv), undefined, workingDirectory);
    if (folder) void openFromOs(folder);
  });
  // macOS opens files and folders through an event, also before the app is ready (then it is the start folder).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (services) void openFromOs(path);
    else startFolder = folderArgument([path]) ?? startFolder;
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, () => startUrl));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => services?.jobs.dispose());
  app
    .whenReady()
    .then(ready)
    .catch((error: unknown) => {
      dialog.showErrorBox('GR2R Studio could not start', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}
