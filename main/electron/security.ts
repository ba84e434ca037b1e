import type { Session, WebContents } from 'electron';

/** No new windows, no webviews, no navigation away from the page: for every web contents the app creates. */
export function hardenContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  startUrl: () => string | undefined,
): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (event.url !== startUrl()) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
}

/** Every permission (camera, notifications...) refused, and no request leaves the machine. */
export function hardenSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
  devServer?: string,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      const local = devServer !== undefined && new URL(details.url).host === new URL(devServer).host;
      callback({ cancel: !local });
    },
  );
}
