import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronExecutable } from '../../scripts/lib/electronBinary.ts';

/**
 * The real Electron app (built by electron-vite into out/): hardened window, the preload's bridge and
 * nothing else, the wall ready from the built-in demo hub. Runs where the Electron binary exists.
 */
const exe = electronExecutable();
test.skip(!exe, 'Electron binary not installed: renderer tested in Chromium instead');

test('the Electron wall opens hardened and becomes ready', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wf-electron-'));
  const app = await electron.launch({
    executablePath: exe ?? '',
    args: ['.', '--data-dir', dataDir, '--rate', '50'],
    env: { ...process.env, WATCHFLOOR_SOFTWARE_GL: '1' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.locator('html[data-app-state="ready"]')).toBeAttached({ timeout: 120_000 });
    expect(page.url()).toMatch(/^app:\/\/watchfloor\/index\.html\?screen=0/);

    // The renderer sees the contract bridge only: no Node, no raw ipcRenderer.
    const surface = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { bridge: Object.keys((w.watchfloor as object | undefined) ?? {}).sort(), require: typeof w.require, process: typeof w.process };
    });
    expect(surface).toEqual({ bridge: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
    const info = await page.evaluate(() => window.watchfloor?.invoke('app.info', undefined));
    expect(info).toMatchObject({ mode: 'electron', demo: true });
    await expect(page.evaluate(() => window.watchfloor?.invoke('alarm.acknowledge', { alarmId: '' }))).rejects.toThrow(/invalid_input/);

    // New windows and navigation away are denied.
    const before = app.windows().length;
    await page.evaluate(() => window.open('https://example.com/'));
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await expect.poll(() => app.windows().length).toBe(before);
    expect(page.url()).toMatch(/^app:\/\/watchfloor\//);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
