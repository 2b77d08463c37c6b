import type { App, Session } from 'electron';
import { APP_ORIGIN } from './appProtocol.ts';

/**
 * Deny by default: no navigation away from our pages, no new windows, no webviews, no permission
 * (camera, geolocation, notifications…) for anything. Applies to every WebContents ever created.
 */
export function hardenApp(app: App, session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
