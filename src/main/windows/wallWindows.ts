import { BrowserWindow, screen } from 'electron';
import { APP_ORIGIN } from './appProtocol.ts';

/**
 * One window per display, each loading the wall with its screen index (`index.html?screen=N`): one
 * WebGL context per window, and never one canvas across a whole wall (SwiftShader's 8192 px limit).
 */
export function openWallWindows(o: { preload: string; fullscreen: boolean }): BrowserWindow[] {
  const displays = screen.getAllDisplays();
  return displays.map((display, index) => {
    const { x, y, width, height } = display.bounds;
    const win = new BrowserWindow({
      x,
      y,
      width,
      height,
      fullscreen: o.fullscreen || displays.length > 1,
      backgroundColor: '#0b0f14',
      show: false,
      autoHideMenuBar: true,
      title: `Watchfloor — screen ${index + 1}`,
      webPreferences: {
        preload: o.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: false,
      },
    });
    win.once('ready-to-show', () => win.show());
    void win.loadURL(`${APP_ORIGIN}/index.html?screen=${index}`);
    return win;
  });
}
