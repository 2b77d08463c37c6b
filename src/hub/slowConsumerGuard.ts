/** The part of a socket.io server socket the guard looks at (a structural type, so tests can fake it). */
export interface GuardedSocket {
  readonly id: string;
  readonly conn: { readonly transport: { readonly writable: boolean } };
  readonly request: { readonly socket: { destroy(): unknown } };
  disconnect(close?: boolean): unknown;
}

/**
 * Disconnects a subscriber whose transport has not been able to take data for `limitMs`: a client that
 * stopped reading (frozen window, dead link that TCP has not noticed) would otherwise make the hub buffer
 * every live event for it without bound. Dropping it is safe: it resubscribes with its last seq and the
 * log replays what it missed.
 */
export class SlowConsumerGuard {
  readonly #lastWritable = new WeakMap<GuardedSocket, number>();
  readonly #limitMs: number;
  #dropped = 0;

  constructor(limitMs: number) {
    this.#limitMs = limitMs;
  }

  /**
   * Notes that the socket's transport took data (engine.io's `drain`: the buffer was handed to the
   * transport). A busy but healthy socket may be mid-send at every sample; this keeps it alive.
   */
  progress(socket: GuardedSocket, now: number): void {
    this.#lastWritable.set(socket, now);
  }

  /** Samples every socket; returns the ids it disconnected. */
  check(sockets: Iterable<GuardedSocket>, now: number): string[] {
    const dropped: string[] = [];
    for (const socket of sockets) {
      const since = this.#lastWritable.get(socket);
      if (socket.conn.transport.writable || since === undefined) {
        this.#lastWritable.set(socket, now);
        continue;
      }
      if (now - since >= this.#limitMs) {
        socket.disconnect(true);
        // A graceful close waits for the stuck buffer to drain, which never happens: cut the TCP link.
        socket.request.socket.destroy();
        this.#lastWritable.delete(socket);
        dropped.push(socket.id);
      }
    }
    this.#dropped += dropped.length;
    return dropped;
  }

  get dropped(): number {
    return this.#dropped;
  }
}
