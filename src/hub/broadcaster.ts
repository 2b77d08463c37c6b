import type { Namespace } from 'socket.io';
import type { Envelope } from '../shared/protocol/envelope.ts';
import { FEED_EVENTS } from '../shared/protocol/messages.ts';
import type { StreamName } from '../shared/protocol/streams.ts';

/** Socket.io room of a stream's live subscribers. */
export function streamRoom(stream: StreamName): string {
  return `stream:${stream}`;
}

/** Largest `events` array in one message: bounds what a client must parse at once. */
export const MAX_EVENTS_PER_MESSAGE = 1000;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Coalesces appended envelopes per stream and emits them to the stream's room once per tick: under load
 * one message carries up to {@link MAX_EVENTS_PER_MESSAGE} events instead of one message per event
 * (≈3× the throughput on loopback, TOOLCHAIN.md). `flush()` is synchronous so a subscriber can be moved
 * from replay to the live room in the same JS turn without missing or repeating a seq.
 */
export class Broadcaster {
  readonly #nsp: Namespace;
  readonly #pending = new Map<StreamName, Envelope[]>();
  readonly #timer: NodeJS.Timeout;
  #sent = 0;

  constructor(nsp: Namespace, tickMs: number) {
    this.#nsp = nsp;
    this.#timer = setInterval(() => this.flush(), tickMs);
    this.#timer.unref();
  }

  /** Queues envelopes already committed to the log (their seqs are contiguous per stream). */
  push(envelopes: readonly Envelope[]): void {
    for (const envelope of envelopes) {
      let queue = this.#pending.get(envelope.stream);
      if (!queue) {
        queue = [];
        this.#pending.set(envelope.stream, queue);
      }
      queue.push(envelope);
    }
  }

  flush(): void {
    if (this.#pending.size === 0) return;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [stream, envelopes] of pending) {
      const room = this.#nsp.to(streamRoom(stream));
      for (const part of chunk(envelopes, MAX_EVENTS_PER_MESSAGE)) room.emit(FEED_EVENTS.events, part);
      this.#sent += envelopes.length;
    }
  }

  /** Events handed to socket.io since start (each once, whatever the number of subscribers). */
  get sent(): number {
    return this.#sent;
  }

  close(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}
