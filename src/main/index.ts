// The Electron shell: hardening, the app:// protocol, the core, the IPC transport, one window per display.
// Everything else lives in the Electron-free core (core.ts), which browser mode runs too.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { parseConfig } from './config.ts';
import { createCore, type Core } from './core.ts';
import { ElectronTransport } from './ipc/electronTransport.ts';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './windows/appProtocol.ts';
import { hardenApp } from './windows/hardening.ts';
import { openWallWindows } from './windows/wallWindows.ts';

const here = dirname(fileURLToPath(import.meta.url));

// Electron adds no software-GL switch by itself (CPU-only machines, remote sessions).
if (process.env.WATCHFLOOR_SOFTWARE_GL === '1') {
  app.commandLine.appendSwitch('use-angle', 'swiftshader');
  app.commandLine.appendSwitch('enable-unsafe-swiftshader');
}
app.enableSandbox();
registerAppScheme();

let core: Core | null = null;
let transport: ElectronTransport | null = null;

async function start(): Promise<void> {
  const config = parseConfig(process.argv.slice(app.isPackaged ? 1 : 2), process.env, {
    dataDir: join(app.getPath('userData'), 'data'),
    port: 0,
    strict: false,
  });
  hardenApp(app, session.defaultSession);
  serveRenderer(join(here, '..', 'renderer'));
  core = await createCore({
    dataDir: config.dataDir,
    hubUrl: config.hubUrl,
    ...(config.hubToken !== undefined ? { hubToken: config.hubToken } : {}),
    mode: 'electron',
    version: app.getVersion(),
    actor: { ...(config.operator ? { operator: config.operator } : {}), ...(config.station ? { station: config.station } : {}) },
    ...(config.rate !== undefined ? { demo: { rate: config.rate } } : {}),
  });
  transport = new ElectronTransport({
    ipcMain,
    endpoint: core,
    appOrigin: APP_ORIGIN,
    windows: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  });
  openWallWindows({ preload: join(here, '..', 'preload', 'index.cjs'), fullscreen: process.env.WATCHFLOOR_FULLSCREEN === '1' });
}

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    // A failed migration or a damaged records.db: the message names the file; never start half-way.
    console.error(`Watchfloor could not start: ${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
  });

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  // Close the databases cleanly (the unclean-exit marker drives the full integrity check next start).
  event.preventDefault();
  quitting = true;
  void (async () => {
    await transport?.close();
    await core?.close();
    app.quit();
  })();
});
