import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CAP_COLORS, CONGESTION_COLORS } from '../../src/renderer/domain/palette.ts';
import {
  expect,
  startHub,
  startWeb,
  tempDir,
  test,
  WallPage,
  type Proc,
  type WallLayer,
} from './fixtures.ts';

/**
 * The wall in browser mode against a real hub, end to end: ready, every layer filled, a map on screen,
 * live changes, then the hub going away and coming back — with the web server restarted in between, so
 * the city must come from the local cache.
 */
test.describe.configure({ mode: 'serial' });

const HUB_RATE = 100;
// Sim time runs faster so alarms, incidents and citizen reports happen within the test's minutes.
const HUB_SPEED = 30;
// Alerts only exist once a CAP message is posted; alarms come and go with operator acknowledgement.
const ALWAYS_FILLED: WallLayer[] = ['traffic', 'cameras', 'air', 'water', 'noise', 'units'];
const EVENTUALLY_FILLED: WallLayer[] = ['incidents', 'reports', 'alarms'];

// The map area between the panels (layer panel left, detail panel right, bars top and bottom).
const MAP_CLIP = { x: 470, y: 90, width: 960, height: 880 };

let hubDir: ReturnType<typeof tempDir>;
let webDir: ReturnType<typeof tempDir>;
let hub: Proc | null = null;
let web: Proc | null = null;

test.beforeAll(async () => {
  hubDir = tempDir('hub');
  webDir = tempDir('web');
  hub = await startHub({ db: join(hubDir.path, 'hub.db'), rate: HUB_RATE, speed: HUB_SPEED });
  web = await startWeb({ hubUrl: hub.url, dataDir: webDir.path });
});

test.afterAll(async () => {
  await web?.stop();
  await hub?.stop();
  hubDir.remove();
  webDir.remove();
});

test.use({ reducedMotion: 'reduce' });

test('the wall becomes ready and every layer fills', async ({ wall }) => {
  await wall.open(web!.url);
  for (const layer of ALWAYS_FILLED) {
    await expect
      .poll(() => wall.count(layer), { message: `layer ${layer}`, timeout: 60_000 })
      .toBeGreaterThan(0);
  }
  for (const layer of EVENTUALLY_FILLED) {
    await expect
      .poll(() => wall.count(layer), { message: `layer ${layer}`, timeout: 120_000 })
      .toBeGreaterThan(0);
  }
  await expect.poll(() => wall.feedState(), { timeout: 30_000 }).toBe('live');
  expect(await wall.page.evaluate(() => document.fonts.check('400 24px "Be Vietnam Pro"', 'Lạng Sơn'))).toBe(
    true,
  );
});

test('the map is drawn: traffic colours cover the map area', async ({ wall }) => {
  await wall.open(web!.url);
  await expect.poll(() => wall.count('traffic'), { timeout: 60_000 }).toBeGreaterThan(0);
  await wall.nextFrames(2);
  const png = await wall.page.screenshot({ clip: MAP_CLIP });
  const colours = { ...CONGESTION_COLORS, background: [8, 12, 20] };
  const counts = await wall.colourCounts(png, colours, 30);
  const traffic = counts.free! + counts.slow! + counts.heavy! + counts.jam! + counts.unknown!;
  console.log('map pixels', JSON.stringify(counts));
  expect(traffic, 'pixels in traffic colours').toBeGreaterThan(3000);
  // Live congestion colours, not only the grey "no data" of an empty catalog.
  expect(counts.free! + counts.slow! + counts.heavy! + counts.jam!).toBeGreaterThan(1000);
  expect(counts.background!, 'the dark background is still there').toBeGreaterThan(1000);
});

test('live updates change what is drawn', async ({ wall }) => {
  await wall.open(web!.url);
  await expect.poll(() => wall.count('traffic'), { timeout: 60_000 }).toBeGreaterThan(0);
  await wall.nextFrames(2);
  const before = await wall.page.screenshot({ clip: MAP_CLIP });
  const countsBefore = await wall.counts();
  // Reduced motion stops the alarm pulse, so any change on the map is data.
  await expect
    .poll(
      async () => {
        await wall.nextFrames(1);
        const after = await wall.page.screenshot({ clip: MAP_CLIP });
        const countsAfter = await wall.counts();
        return !after.equals(before) || JSON.stringify(countsAfter) !== JSON.stringify(countsBefore);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
});

/** A CAP 1.2 alert in Vietnamese and English over the city centre, valid from now for six hours. */
function capAlert(identifier: string): string {
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const now = Date.now();
  const info = (lang: string, event: string, headline: string): string => `
  <info>
    <language>${lang}</language><category>Met</category><event>${event}</event>
    <urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty>
    <effective>${iso(now)}</effective><expires>${iso(now + 6 * 3600_000)}</expires>
    <headline>${headline}</headline>
    <area><areaDesc>Trung tâm</areaDesc><polygon>21.846,106.748 21.862,106.748 21.862,106.774 21.846,106.774 21.846,106.748</polygon></area>
  </info>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier><sender>kttv@langson.example.vn</sender><sent>${iso(now)}</sent>
  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
  ${info('vi-VN', 'Lũ quét', 'Lũ quét khẩn cấp khu trung tâm')}
  ${info('en-US', 'Flash flood', 'Flash flood emergency in the centre')}
</alert>`;
}

test('a CAP alert is drawn as an area in its severity colour, in the operator language', async ({
  wall,
  request,
}) => {
  await wall.open(web!.url);
  const posted = await request.post(`${hub!.url}/ingest/cap`, {
    headers: { 'content-type': 'application/cap+xml' },
    data: capAlert(`e2e-${Date.now()}`),
  });
  expect(posted.status(), await posted.text()).toBe(200);
  await expect.poll(() => wall.count('alerts'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => wall.count('reports'), { timeout: 60_000 }).toBeGreaterThan(0);
  await wall.nextFrames(2);
  const png = await wall.page.screenshot({ clip: MAP_CLIP });
  const counts = await wall.colourCounts(png, { extreme: CAP_COLORS.Extreme }, 40);
  expect(counts.extreme, 'pixels of the Extreme alert outline').toBeGreaterThan(500);

  // The README's picture: the live wall with an alert, citizen reports and their SLA colours.
  const dest = process.env.WATCHFLOOR_SCREENSHOT ?? test.info().outputPath('wall.png');
  mkdirSync(join(dest, '..'), { recursive: true });
  await wall.page.screenshot({ path: dest });

  await wall.page.getByRole('button', { name: 'English' }).click();
  await expect(wall.page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(wall.page.getByTestId('layer-toggle-alerts')).toContainText('Alerts (CAP)');
  await wall.nextFrames(1);
  await wall.page.screenshot({ path: test.info().outputPath('wall-en.png') });
});

test('stopping the hub turns the feed offline within 10 s; a restarted client shows the cached city; the hub coming back makes it live', async ({
  wall,
  browser,
}) => {
  await wall.open(web!.url);
  await expect.poll(() => wall.feedState(), { timeout: 30_000 }).toBe('live');
  const live = await wall.counts();

  const hubPort = hub!.port;
  await hub!.stop();
  hub = null;
  await expect.poll(() => wall.feedState(), { timeout: 10_000, intervals: [250] }).toBe('offline');

  // Restart the client with the hub still down: the city comes from the local cache.
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  await web!.stop();
  web = await startWeb({ hubUrl, dataDir: webDir.path });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: 'reduce' });
  const cached = new WallPage(page);
  await cached.open(web.url);
  for (const layer of ALWAYS_FILLED) expect(await cached.count(layer), `cached ${layer}`).toBeGreaterThan(0);
  expect(await cached.count('traffic')).toBe(live.traffic);
  await expect.poll(() => cached.feedState(), { timeout: 10_000 }).toBe('offline');
  await expect(page.getByTestId('stream-traffic')).toHaveClass(/tone-bad/);

  // Same port, same database: the client resumes by seq without a restart.
  hub = await startHub({ db: join(hubDir.path, 'hub.db'), port: hubPort, rate: HUB_RATE, speed: HUB_SPEED });
  await expect.poll(() => cached.feedState(), { timeout: 60_000 }).toBe('live');
  await page.close();
});
