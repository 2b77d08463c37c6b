import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { FEED_NAMESPACE } from '../../../../src/shared/protocol/messages.ts';

/**
 * A scripted `/feed` namespace for client unit tests: the test decides each subscribe answer and what the
 * socket receives, including what a real hub never sends (hostile messages, seq gaps).
 */
export interface FakeHub {
  url: string;
  subscribes: unknown[];
  /** `auth` of every handshake, in order. */
  auths: unknown[];
  /** The answer to the next subscribe (called with the request). */
  answer: (request: unknown) => unknown;
  socket(): Socket | undefined;
  close(): Promise<void>;
}

export async function startFakeHub(): Promise<FakeHub> {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  let current: Socket | undefined;
  const hub: FakeHub = {
    url: '',
    subscribes: [],
    auths: [],
    answer: () => ({ ok: true, epoch: 'E', serverTime: Date.now(), streams: { traffic: { mode: 'live', firstSeq: 0, lastSeq: 0 } } }),
    socket: () => current,
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
  io.of(FEED_NAMESPACE).on('connection', (socket) => {
    current = socket;
    hub.auths.push(socket.handshake.auth);
    socket.on('subscribe', (request: unknown, ack: (answer: unknown) => void) => {
      hub.subscribes.push(request);
      ack(hub.answer(request));
    });
    socket.on('catalog', (request: { kind: string }, ack: (answer: unknown) => void) =>
      ack({ ok: true, kind: request.kind, items: [], nextCursor: null, total: 0 }),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return hub;
}
