import type { Socket } from 'socket.io';
import type { Envelope } from '../shared/protocol/envelope.ts';
import { FEED_EVENTS, type SnapshotMessage, type StreamStart } from '../shared/protocol/messages.ts';
import type { StreamName } from '../shared/protocol/streams.ts';
import { MAX_EVENTS_PER_MESSAGE, streamRoom, type Broadcaster } from './broadcaster.ts';
import type { EventLog, SnapshotReader, StreamRange } from './log/eventLog.ts';

/** Entities per `snapshot` page. */
export const SNAPSHOT_PAGE_SIZE = 2000;
/** Replay messages sent per JS turn before yielding to the rest of the hub. */
const CHUNKS_PER_TURN = 4;

/**
 * How a stream starts for a subscriber (DESIGN "Protocol decisions"): without `since`, with another
 * epoch, with a `since` the log no longer covers, or one ahead of the log → snapshot; at the head →
 * live; otherwise replay from `since + 1`.
 */
export function planStream(range: StreamRange, since: number | undefined, sameEpoch: boolean): StreamStart {
  const { firstSeq, lastSeq } = range;
  let mode: StreamStart['mode'];
  if (!sameEpoch || since === undefined || since > lastSeq) mode = 'snapshot';
  else if (since === lastSeq) mode = 'live';
  else if (since + 1 < firstSeq) mode = 'snapshot';
  else mode = 'replay';
  return { mode, firstSeq, lastSeq };
}

/**
 * Brings one socket from its starting point to the live room of one stream: snapshot pages (if asked),
 * then the log from the cursor in chunks, then — in one synchronous step — the last part of the log and
 * the room join. Because the broadcaster is flushed in that same step, the socket sees every seq after
 * its start exactly once and in order.
 */
export class StreamFeeder {
  readonly #socket: Socket;
  readonly #stream: StreamName;
  readonly #log: EventLog;
  readonly #broadcaster: Broadcaster;
  #reader: SnapshotReader | undefined;
  #cancelled = false;

  constructor(socket: Socket, stream: StreamName, log: EventLog, broadcaster: Broadcaster) {
    this.#socket = socket;
    this.#stream = stream;
    this.#log = log;
    this.#broadcaster = broadcaster;
  }

  /**
   * Starts feeding. `cursor` is the last seq the client holds (ignored in snapshot mode). The first
   * steps run synchronously, so a short replay or a live start is complete when this returns.
   */
  start(mode: StreamStart['mode'], cursor: number): Promise<void> {
    return this.#run(mode, cursor).catch((error: unknown) => {
      this.cancel();
      // A feeder failing must not take the hub down; the client sees the disconnect and resubscribes.
      console.error(`hub: feeding ${this.#stream} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.#socket.disconnect(true);
    });
  }

  cancel(): void {
    this.#cancelled = true;
    this.#reader?.close();
    this.#reader = undefined;
    this.#socket.leave(streamRoom(this.#stream));
  }

  get #active(): boolean {
    return !this.#cancelled && this.#socket.connected;
  }

  async #run(mode: StreamStart['mode'], startCursor: number): Promise<void> {
    let cursor = mode === 'snapshot' ? await this.#snapshot() : startCursor;
    for (;;) {
      if (!this.#active) return;
      const { firstSeq, lastSeq } = this.#log.range(this.#stream);
      if (cursor + 1 < firstSeq) {
        // Retention overtook a slow replay: the range is gone, so start over from a fresh snapshot.
        cursor = await this.#snapshot();
        continue;
      }
      if (lastSeq - cursor <= MAX_EVENTS_PER_MESSAGE * CHUNKS_PER_TURN) {
        this.#broadcaster.flush();
        this.#emitRange(cursor, this.#log.range(this.#stream).lastSeq);
        this.#socket.join(streamRoom(this.#stream));
        return;
      }
      cursor = this.#emitRange(cursor, cursor + MAX_EVENTS_PER_MESSAGE * CHUNKS_PER_TURN);
      await writable(this.#socket);
    }
  }

  /** Emits `events` for (after, through]; returns the last seq sent. */
  #emitRange(after: number, through: number): number {
    let cursor = after;
    while (cursor < through) {
      const events: Envelope[] = this.#log.readRange(this.#stream, cursor, Math.min(MAX_EVENTS_PER_MESSAGE, through - cursor));
      const last = events[events.length - 1];
      if (!last) break;
      this.#socket.emit(FEED_EVENTS.events, events);
      cursor = last.seq;
    }
    return cursor;
  }

  /** Sends the snapshot pages; returns the log position they reflect. */
  async #snapshot(): Promise<number> {
    const reader = this.#log.openSnapshot(this.#stream);
    this.#reader = reader;
    try {
      const seq = reader.seq;
      let page = 0;
      let current = reader.nextPage(SNAPSHOT_PAGE_SIZE);
      for (;;) {
        if (!this.#active) return seq;
        // Read one page ahead: the client must know which page is the last (`done`).
        const next = current.length === 0 ? [] : reader.nextPage(SNAPSHOT_PAGE_SIZE);
        const done = next.length === 0;
        const message: SnapshotMessage = { stream: this.#stream, seq, page, done, entities: current };
        this.#socket.emit(FEED_EVENTS.snapshot, message);
        if (done) return seq;
        page += 1;
        current = next;
        await writable(this.#socket);
      }
    } finally {
      reader.close();
      if (this.#reader === reader) this.#reader = undefined;
    }
  }
}

/**
 * Resolves when the socket's transport can take more (backpressure for long replays), or on the next
 * turn when it already can. Waits on the transport's own `drain`: the engine socket emits `drain` only
 * when it had something buffered.
 */
function writable(socket: Socket): Promise<void> {
  const conn = socket.conn;
  const transport = conn.transport;
  if (transport.writable || conn.readyState !== 'open') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const done = (): void => {
      transport.off('drain', done);
      conn.off('upgrade', done);
      conn.off('close', done);
      resolve();
    };
    transport.on('drain', done);
    conn.on('upgrade', done);
    conn.on('close', done);
  });
}
