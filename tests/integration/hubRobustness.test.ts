import { connect, createServer, type Socket as TcpSocket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/hub/server.ts';
import { FEED_EVENTS } from '../../src/shared/protocol/messages.ts';
import { reportDraft, speedDraft } from '../unit/hub/fixtures.ts';
import { FeedClient, startHub, tempDir } from '../unit/hub/harness.ts';

/** A TCP relay whose hub side can stop being read, like a client that froze without closing. */
async function freezableRelay(port: number): Promise<{ url: string; freeze(): void; close(): void }> {
  const hubSides: TcpSocket[] = [];
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    hubSides.push(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no relay address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    freeze: () => {
      for (const s of hubSides) {
        s.unpipe();
        s.pause();
      }
    },
    close: () => {
      for (const s of hubSides) s.destroy();
      server.close();
    },
  };
}

let hub: Hub;
let client: FeedClient;
let cleanup: () => void;

beforeEach(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  hub = await startHub({ dir: tmp.dir });
  client = await FeedClient.connect(hub.url);
});
afterEach(async () => {
  client.close();
  await hub.close();
  cleanup();
});

const invalid = { ok: false, error: { code: 'invalid' } };

function deep(levels: number): unknown {
  let value: unknown = { streams: ['traffic'] };
  for (let i = 0; i < levels; i += 1) value = { nested: value };
  return value;
}

describe('hub robustness: malformed client messages', () => {
  it('answers every malformed subscribe with invalid and keeps serving', async () => {
    const bad: unknown[] = [
      42,
      'traffic',
      null,
      [],
      true,
      { streams: 'traffic' },
      { streams: [] },
      { streams: ['nope'] },
      { streams: ['traffic', 'traffic', 'traffic', 'traffic', 'traffic', 'traffic', 'traffic', 'traffic'] },
      { streams: ['traffic'], since: { traffic: -1 } },
      { streams: ['traffic'], since: { traffic: 1.5 } },
      { streams: ['traffic'], since: { traffic: '3' } },
      { streams: ['traffic'], since: { nope: 3 } },
      { streams: ['traffic'], epoch: 'e'.repeat(500_000) },
      JSON.parse('{"streams":["traffic"],"since":{"__proto__":{"traffic":1}},"epoch":7}'),
      deep(200),
      Buffer.from('binary'),
    ];
    for (const payload of bad) expect(await client.request(FEED_EVENTS.subscribe, payload)).toMatchObject(invalid);
    expect(await client.request(FEED_EVENTS.subscribe)).toMatchObject(invalid);
    expect(await client.request(FEED_EVENTS.subscribe, { streams: ['traffic'] }, 'extra')).toMatchObject(invalid);
    expect(await client.request('unsubscribe-everything', {})).toMatchObject(invalid);

    hub.append([speedDraft(1)]);
    const ack = await client.subscribe({ streams: ['traffic'], since: { traffic: 0 } });
    expect(ack).toMatchObject({ ok: true, streams: { traffic: { mode: 'replay' } } });
    await client.waitFor(() => client.lastSeq('traffic') === 1, 'an event after the bad messages');
    expect(hub.health().clients.rejectedMessages).toBe(bad.length + 3);
  });

  it('counts messages without an ack and answers the next one normally', async () => {
    client.socket.emit(FEED_EVENTS.subscribe, { streams: ['traffic'] });
    client.socket.emit(FEED_EVENTS.command, 'junk');
    client.socket.emit(FEED_EVENTS.catalog);
    const page = await client.request(FEED_EVENTS.catalog, { kind: 'camera', limit: 5 });
    expect(page).toMatchObject({ ok: true, kind: 'camera' });
    expect(hub.health().clients.rejectedMessages).toBe(3);
    expect(client.snapshots).toEqual([]);
  });

  it('rejects bad catalog requests and bad commands with invalid', async () => {
    for (const payload of [{ kind: 'nope' }, { kind: 'segment', cursor: 'abc' }, { kind: 'segment', cursor: '999999' }, { kind: 'segment', limit: 0 }, { kind: 'segment', cursor: '-1' }, 'segment']) {
      expect(await client.request(FEED_EVENTS.catalog, payload)).toMatchObject(invalid);
    }
    for (const payload of [null, 'x', { commandId: 'x' }, { commandId: crypto.randomUUID(), type: 'note.add', payload: {}, actor: {} }]) {
      expect(await client.request(FEED_EVENTS.command, payload)).toMatchObject(invalid);
    }
  });

  it('drops a client that sends more than maxHttpBufferSize, and serves the others', async () => {
    const other = await FeedClient.connect(hub.url);
    const dropped = new Promise<string>((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));
    client.socket.emit(FEED_EVENTS.subscribe, { streams: ['traffic'], epoch: 'x'.repeat(1_200_000) }, () => undefined);
    expect(await dropped).toBe('transport close');
    hub.append([speedDraft(1)]);
    await other.subscribe({ streams: ['traffic'], since: { traffic: 0 } });
    await other.waitFor(() => other.lastSeq('traffic') === 1, 'events on the other client');
    other.close();
    const res = await fetch(`${hub.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('disconnects a subscriber that stops reading, and keeps serving the others', async () => {
    const tmp = tempDir();
    let onDrop: (line: string) => void = () => undefined;
    const dropped = new Promise<string>((resolve) => (onDrop = resolve));
    const logLine = (line: string): void => {
      if (line.includes('dropped slow subscriber')) onDrop(line);
    };
    const slowHub = await startHub({ dir: tmp.dir, slowConsumerMs: 1500, logLine });
    const relay = await freezableRelay(slowHub.port);
    try {
      const frozen = await FeedClient.connect(relay.url);
      const healthy = await FeedClient.connect(slowHub.url);
      await frozen.subscribe({ streams: ['reports'], since: { reports: 0 } });
      await healthy.subscribe({ streams: ['reports'], since: { reports: 0 } });
      relay.freeze();
      // ~32 MB of live events (few rows, large ones): far more than the loopback socket buffers hold.
      const description = 'Nước ngập sâu '.repeat(280);
      for (let k = 0; k < 8; k += 1) {
        slowHub.publish(Array.from({ length: 1000 }, (_, i) => {
          const draft = reportDraft(k * 1000 + i);
          return { ...draft, data: { ...draft.data, description } };
        }));
      }
      slowHub.flush();
      await healthy.waitFor(() => healthy.lastSeq('reports') === 8000, 'the healthy client to get everything');
      expect(await dropped).toMatch(/^hub: dropped slow subscriber /);
      expect(slowHub.health().clients.droppedSlow).toBe(1);
      expect(slowHub.health().clients.connected).toBe(1);
      expect(healthy.violations).toEqual([]);
      frozen.close();
      healthy.close();
    } finally {
      relay.close();
      await slowHub.close();
      tmp.cleanup();
    }
  });

  it('refuses a handshake whose auth token is not a string, and accepts a string or none', async () => {
    const bad = new FeedClient(hub.url, { token: { evil: true } });
    const error = await new Promise<Error>((resolve) => bad.socket.once('connect_error', resolve));
    expect(error.message).toBe('invalid auth token');
    bad.close();
    const good = await FeedClient.connect(hub.url, { token: 'station-token' });
    expect(good.socket.connected).toBe(true);
    good.close();
  });
});
