import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serveStatic } from './harness/serveStatic.ts';
import { ALARM_COLOR } from '../../src/renderer/domain/palette.ts';
import { expect, findColour, test } from './fixtures.ts';

/**
 * The renderer alone, with a fake bridge (tests/e2e/harness): no hub, no main, so these run in seconds
 * and cover what a real hub cannot be made to do on cue — an empty city, a reconnecting feed, rejected
 * messages — plus the operator's own interactions.
 */
test.describe.configure({ mode: 'serial' });

let server: Awaited<ReturnType<typeof serveStatic>>;

test.beforeAll(async () => {
  const configFile = fileURLToPath(new URL('./harness/harness.vite.config.ts', import.meta.url));
  await build({ configFile, logLevel: 'error' });
  server = await serveStatic(fileURLToPath(new URL('../../out/harness', import.meta.url)));
});

test.afterAll(async () => {
  await server?.close();
});

test('ready with every layer filled; labels in the bundled Vietnamese font', async ({ wall }) => {
  await wall.open(server.url);
  const counts = await wall.counts();
  for (const [layer, n] of Object.entries(counts)) expect(n, layer).toBeGreaterThan(0);
  expect(
    await wall.page.evaluate(() => document.fonts.check('600 24px "Be Vietnam Pro"', 'Đông Kinh ạụự')),
  ).toBe(true);
  await expect(wall.page.getByTestId('feed-status')).toHaveAttribute('data-state', 'live');
});

test('alarms pulse: frames keep coming while an alarm is unacknowledged', async ({ wall }) => {
  await wall.open(server.url);
  // The fake city sends no data while this waits, so only the pulse can draw frames this fast.
  await wall.page.evaluate(() => window.__fakeHub?.setState('reconnecting'));
  await wall.nextFrames(10);
});

test('empty city: ready with a clear "no data yet" notice', async ({ wall }) => {
  await wall.open(`${server.url}?fake=empty`);
  await expect(wall.page.getByTestId('no-data')).toContainText('Chưa có dữ liệu');
  expect(await wall.count('traffic')).toBe(0);
});

test('feed states, gaps, backfill and rejected counts are shown', async ({ wall }) => {
  await wall.open(server.url);
  await wall.page.evaluate(() => window.__fakeHub?.setState('reconnecting'));
  await expect(wall.page.getByTestId('feed-status')).toHaveAttribute('data-state', 'reconnecting');
  await expect(wall.page.getByTestId('stream-traffic')).toContainText('đang bù 40/120');
  await expect(wall.page.getByTestId('stream-units')).toContainText('thiếu dữ liệu');
  await wall.page.evaluate(() => window.__fakeHub?.setState('offline'));
  await expect(wall.page.getByTestId('feed-status')).toHaveAttribute('data-state', 'offline');
  await expect(wall.page.getByTestId('stream-traffic')).toContainText(/mất kết nối từ \d\d:\d\d/);
  await expect(wall.page.getByTestId('stream-traffic')).toHaveClass(/tone-bad/);
  await wall.page.evaluate(() => window.__fakeHub?.reject(3));
  await expect(wall.page.getByTestId('diagnostics-rejected')).toHaveAttribute('data-count', '3');
  await wall.nextFrames(1);
  await wall.page.screenshot({ path: test.info().outputPath('wall-offline.png') });
});

test('layer toggles hide a layer without losing its count; English on request', async ({ wall }) => {
  await wall.open(server.url);
  const toggle = wall.page.getByTestId('layer-toggle-traffic');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await wall.nextFrames(1);
  const png = await wall.page.screenshot({ clip: { x: 470, y: 90, width: 960, height: 880 } });
  const { jam } = await wall.colourCounts(png, { jam: [235, 20, 40] }, 12);
  expect(await wall.count('traffic')).toBeGreaterThan(0);
  await toggle.click();
  await wall.nextFrames(1);
  const png2 = await wall.page.screenshot({ clip: { x: 470, y: 90, width: 960, height: 880 } });
  const after = await wall.colourCounts(png2, { jam: [235, 20, 40] }, 12);
  expect(after.jam, 'jammed segments drawn again').toBeGreaterThan((jam ?? 0) + 500);

  await wall.page.getByRole('button', { name: 'English' }).click();
  await expect(wall.page.getByTestId('feed-status')).toHaveText('Live');
  await expect(wall.page.locator('html')).toHaveAttribute('lang', 'en');
});

test('click an alarm: its details, then acknowledge it and the pulse stops', async ({ wall }) => {
  await wall.open(server.url);
  await wall.page.emulateMedia({ reducedMotion: 'reduce' });
  await wall.nextFrames(2);
  // Only the map: the legend has a swatch of the same colour.
  const clip = { x: 470, y: 90, width: 960, height: 880 };
  const hit = await findColour(wall.page, await wall.page.screenshot({ clip }), ALARM_COLOR, 4);
  expect(hit, 'an unacknowledged alarm on screen').not.toBeNull();
  const at = { x: clip.x + hit!.x, y: clip.y + hit!.y };
  await wall.page.mouse.move(at.x, at.y);
  await expect(wall.page.getByTestId('detail-panel')).toHaveAttribute('data-layer', 'alarms');
  await wall.page.mouse.click(at.x, at.y);
  const ack = wall.page.getByTestId('alarm-acknowledge');
  await expect(ack).toBeVisible();
  await expect(wall.page.getByTestId('detail-panel')).toContainText('Chưa xác nhận');
  await ack.click();
  await expect(wall.page.getByTestId('detail-panel')).toContainText('Đã xác nhận');
  await expect(ack).toHaveCount(0);
});

test('each display watches its own concern, and keeps the layers its operator switched', async ({ wall }) => {
  const clip = { x: 470, y: 90, width: 960, height: 880 };
  const free = { free: [0, 214, 110] as [number, number, number] };
  await wall.open(server.url);
  await expect(wall.page.getByTestId('screen-label')).toHaveText('Màn hình 1 · Tổng quan');
  const overview = await wall.colourCounts(await wall.page.screenshot({ clip }), free, 12);
  expect(overview.free, 'free-flowing roads on the overview').toBeGreaterThan(2000);

  await wall.page.evaluate(() => window.localStorage.clear());
  await wall.open(`${server.url}?screen=2`);
  await expect(wall.page.getByTestId('screen-label')).toHaveText('Màn hình 3 · An ninh');
  await expect(wall.page.getByTestId('layer-toggle-cameras')).toHaveAttribute('aria-pressed', 'true');
  await expect(wall.page.getByTestId('layer-toggle-air')).toHaveAttribute('aria-pressed', 'false');
  // Hidden layers still hold their data: counts stay, only the drawing changes.
  expect(await wall.count('traffic')).toBeGreaterThan(0);
  const security = await wall.colourCounts(await wall.page.screenshot({ clip }), free, 12);
  expect(security.free, 'no traffic drawn on the security screen').toBeLessThan(50);

  await wall.page.getByTestId('layer-toggle-traffic').click();
  await wall.open(`${server.url}?screen=2`);
  await expect(wall.page.getByTestId('layer-toggle-traffic')).toHaveAttribute('aria-pressed', 'true');
  await wall.nextFrames(1);
  const switched = await wall.colourCounts(await wall.page.screenshot({ clip }), free, 12);
  expect(switched.free, 'traffic back after a restart, as the operator left it').toBeGreaterThan(2000);
});
