import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from '../app/settings';

type WindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Every window of the app: isolated, sandboxed, no Node in the page; only the preload's bridge. */
export const securePreferences = (preload: string): BrowserWindowConstructorOptions['webPreferences'] => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
});

/** The main window: hidden until its first paint is ready, then shown where the user left it. */
export function createMainWindow(
  Window: WindowClass,
  options: { preload: string; url: string; bounds?: WindowBounds },
): BrowserWindow {
  const bounds = options.bounds;
  const window = new Window({
    width: bounds?.width ?? 1360,
    height: bounds?.height ?? 860,
    x: bounds?.x,
    y: bounds?.y,
    minWidth: 980,
    minHeight: 640,
    show: false,
    title: 'GR2R Studio',
    backgroundColor: '#0d1015',
    webPreferences: securePreferences(options.preload),
  });
  window.once('ready-to-show', () => {
    if (bounds?.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.url);
  return window;
}

export function boundsOf(window: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>): WindowBounds {
  const { x, y, width, height } = window.getNormalBounds();
  return { x, y, width, height, maximized: window.isMaximized() };
}
