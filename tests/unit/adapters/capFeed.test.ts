import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capAlertId } from '../../../src/hub/adapters/cap/drafts.ts';
import { createCapFeedPoller } from '../../../src/hub/adapters/cap/feed.ts';
import { FakeSink } from './fakeSink.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/cap/${name}`, import.meta.url), 'utf8');
const stripDecl = (xml: string): string => xml.replace(/^<\?xml[^>]*\?>\s*/, '');

/** A local feed server: an Atom feed linking to one CAP message and embedding another, and an RSS feed. */
let server: Server;
let base = '';
const hits = new Map<string, number>();
let atomUpdated = '2026-07-14T06:30:00+07:00';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const xml = (body: string, type = 'application/xml'): void => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (path === '/feed.atom') {
      xml(
        `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:test:feed</id><title>Lạng Sơn warnings</title><updated>${atomUpdated}</updated>
  <entry>
    <id>urn:test:1</id><updated>${atomUpdated}</updated><title>Flood</title>
    <link rel="alternate" type="application/cap+xml" href="/cap/alert-vi-en.xml"/>
  </entry>
  <entry>
    <id>urn:test:2</id><updated>2026-03-02T14:05:00+07:00</updated><title>Fire</title>
    <content type="text/xml">${stripDecl(fixture('prefixed.xml'))}</content>
  </entry>
  <entry>
    <id>urn:test:3</id><updated>2026-03-02T14:05:00+07:00</updated><title>Missing</title>
    <link href="/cap/missing.xml"/>
  </entry>
</feed>`,
        'application/atom+xml',
      );
    } else if (path === '/feed.rss') {
      xml(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Signed</title><link>${base}/cap/signed.xml</link><guid>s1</guid></item></channel></rss>`);
    } else if (path === '/cap/alert-vi-en.xml') {
      xml(fixture('alert-vi-en.xml'), 'application/cap+xml');
    } else if (path === '/cap/signed.xml') {
      xml(fixture('signed.xml'), 'application/cap+xml');
    } else if (path === '/broken') {
      xml('<feed><entry></feed>');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('CAP feed poller', () => {
  it('ingests linked and embedded alerts, labels them with the feed host, and reports a dead link', async () => {
    const sink = new FakeSink();
    const poller = createCapFeedPoller(`${base}/feed.atom`, sink, () => undefined);
    const result = await poller.pollOnce();
    poller.stop();
    if (!('accepted' in result)) throw new Error(result.reason);
    expect(result.accepted).toBe(2);
    expect(result.reasons).toEqual([expect.stringContaining('404')]);
    const source = `cap:127.0.0.1:${new URL(base).port}`;
    expect(sink.log.map((e) => [e.id, e.source])).toEqual(
      expect.arrayContaining([
        [capAlertId('kttv@langson.example.vn', 'LS-KTTV-2026-0042'), source],
        [capAlertId('pccc@langson.example.vn', 'LS-PCCC-7781'), source],
      ]),
    );
    expect(sink.sources.get(source)).toMatchObject({
      accepted: 2,
      rejected: [expect.stringContaining('404')],
    });
  });

  it('fetches a linked message again only when its entry changes, and never appends it twice', async () => {
    const sink = new FakeSink();
    const poller = createCapFeedPoller(`${base}/feed.atom`, sink, () => undefined);
    const before = hits.get('/cap/alert-vi-en.xml') ?? 0;
    await poller.pollOnce();
    const second = await poller.pollOnce();
    expect(hits.get('/cap/alert-vi-en.xml')).toBe(before + 1);
    expect(second).toMatchObject({ accepted: 0 });
    atomUpdated = '2026-07-14T07:00:00+07:00';
    const third = await poller.pollOnce();
    poller.stop();
    expect(hits.get('/cap/alert-vi-en.xml')).toBe(before + 2);
    // Same message content: the sink sees a duplicate, the log keeps one event.
    expect(third).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(sink.log.filter((e) => e.type === 'alert.issued')).toHaveLength(2);
  });

  it('follows RSS <link> text', async () => {
    const sink = new FakeSink();
    const poller = createCapFeedPoller(`${base}/feed.rss`, sink, () => undefined);
    const result = await poller.pollOnce();
    poller.stop();
    expect(result).toMatchObject({ accepted: 1 });
    expect(sink.log[0]).toMatchObject({ type: 'alert.issued', data: { status: 'Test' } });
  });

  it('counts an unreachable or broken feed as a rejection instead of throwing', async () => {
    const sink = new FakeSink();
    const broken = createCapFeedPoller(`${base}/broken`, sink, () => undefined);
    expect(await broken.pollOnce()).toEqual({ reason: expect.stringContaining('invalid XML') });
    const missing = createCapFeedPoller(`${base}/nope.atom`, sink, () => undefined);
    expect(await missing.pollOnce()).toEqual({ reason: expect.stringContaining('404') });
    expect([...sink.sources.values()].flatMap((s) => s.rejected)).toHaveLength(2);
  });
});
