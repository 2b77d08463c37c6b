import { chromium } from 'playwright-core';
import { serveStatic } from './serveStatic.ts';

// Looking at the wall: `node tests/e2e/harness/shot.ts OUT.png [?query | http://running-wall/]`. With a
// query (or nothing) it serves the harness build (fake bridge, no hub); with a URL it shoots that wall.
// Waits on the app's readiness hook, never on time.
const out = process.argv[2] ?? '/tmp/wall-harness.png';
const arg = process.argv[3] ?? '';
const server = arg.startsWith('http')
  ? { url: arg, close: async () => {} }
  : await serveStatic('out/harness');
const query = arg.startsWith('http') ? '' : arg;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--ignore-gpu-blocklist', '--use-angle=gl-egl'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('console', (m) => console.log(`[page ${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
  await page.goto(server.url + query);
  await page.waitForSelector('html[data-app-state="ready"]', { timeout: 60_000 });
  const frames = await page.evaluate(() => window.__wfFrames ?? 0);
  await page.waitForFunction((n) => (window.__wfFrames ?? 0) > n + 2, frames, { timeout: 60_000 });
  if (process.env.HOVER) {
    const [x, y] = process.env.HOVER.split(',').map(Number);
    await page.mouse.click(x ?? 0, y ?? 0);
    await page.waitForFunction(
      (n) => (window.__wfFrames ?? 0) > n + 1,
      await page.evaluate(() => window.__wfFrames ?? 0),
    );
  }
  const counts = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="layer-count-"]')]
      .map((e) => `${e.getAttribute('data-testid')?.slice(12)}=${e.getAttribute('data-count')}`)
      .join(' '),
  );
  console.log(counts, 'feed', await page.getAttribute('[data-testid="feed-status"]', 'data-state'));
  await page.screenshot({ path: out });
  console.log('saved', out);
} finally {
  await browser.close();
  await server.close();
}
