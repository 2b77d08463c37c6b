import type { Envelope } from '../../shared/protocol/envelope.ts';
import type { StreamStart } from '../../shared/protocol/messages.ts';
import type { StreamName } from '../../shared/protocol/streams.ts';
import type { StreamPosition, StreamWrite } from '../store/feedCache.ts';

export type EventVerdict = 'accepted' | 'duplicate' | 'gap' | 'not-subscribed';

interface StreamState {
  epoch: string | null;
  /** Newest seq received (buffered or committed): the dedup and contiguity reference. */
  lastSeq: number;
  subscribed: boolean;
  events: Envelope[];
  /** Snapshot being assembled from pages; the stream's events wait until it is complete. */
  assembling: { seq: number; entities: Envelope[] } | null;
  awaitingSnapshot: boolean;
  completed: { seq: number; entities: Envelope[] } | null;
  markGap: boolean;
  /** Position must be written even without events (new epoch, new gap). */
  dirty: boolean;
  lastEventAt: number | null;
  receivedAt: number | null;
}

/**
 * The client's view of each stream between two commits: deduplicates by (stream, seq), detects seq gaps,
 * assembles snapshot pages, and hands the store ready writes once per tick. It never advances a persisted
 * position itself: the store does, in the same transaction as the events.
 */
export class FeedBuffer {
  readonly #streams = new Map<StreamName, StreamState>();

  constructor(positions: ReadonlyMap<StreamName, StreamPosition>) {
    for (const [stream, p] of positions) this.#state(stream, p);
  }

  #state(stream: StreamName, p?: StreamPosition): StreamState {
    let s = this.#streams.get(stream);
    if (!s) {
      s = {
        epoch: p?.epoch ?? null,
        lastSeq: p?.lastSeq ?? 0,
        subscribed: false,
        events: [],
        assembling: null,
        awaitingSnapshot: false,
        completed: null,
        markGap: false,
        dirty: false,
        lastEventAt: p?.lastEventAt ?? null,
        receivedAt: p?.lastReceivedAt ?? null,
      };
      this.#streams.set(stream, s);
    }
    return s;
  }

  /**
   * What to ask the hub for: the epoch most of our streams hold, and `since` for the streams of that
   * epoch. A stream of another epoch is left out of `since` so the hub sends it a snapshot.
   */
  subscribeRequest(streams: readonly StreamName[]): { since: Partial<Record<StreamName, number>>; epoch: string | undefined } {
    const votes = new Map<string, number>();
    for (const stream of streams) {
      const s = this.#state(stream);
      // A stream holds a position once its epoch is committed, even at seq 0 (it was empty): asking
      // `since: 0` then replays everything the hub logged while we were away instead of a snapshot.
      if (s.epoch !== null) votes.set(s.epoch, (votes.get(s.epoch) ?? 0) + 1);
    }
    const epoch = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
    const since: Partial<Record<StreamName, number>> = {};
    for (const stream of streams) {
      const s = this.#state(stream);
      if (epoch !== undefined && s.epoch === epoch) since[stream] = s.lastSeq;
    }
    return { since, epoch };
  }

  /** Nothing subscribed until the next ack (called on disconnect and before a resubscribe). */
  unsubscribeAll(): void {
    for (const s of this.#streams.values()) {
      s.subscribed = false;
      s.assembling = null;
      s.awaitingSnapshot = false;
    }
  }

  /** Applies one stream's part of a subscribe ack. `sentSince` is what we asked for (undefined: nothing). */
  applyAck(stream: StreamName, epoch: string, start: StreamStart, sentSince: number | undefined): void {
    const s = this.#state(stream);
    const hadHistory = s.epoch !== null;
    s.subscribed = true;
    if (start.mode === 'snapshot') {
      s.awaitingSnapshot = true;
      // The hub could not replay what we held: the history of this stream has a hole from here.
      if (hadHistory) s.markGap = true;
    } else if (start.mode === 'live') {
      // Events continue after the hub's newest seq; anything between ours and it was skipped.
      if (hadHistory && start.lastSeq > s.lastSeq) s.markGap = true;
      s.lastSeq = start.lastSeq;
    } else {
      if (hadHistory && sentSince === undefined) s.markGap = true;
      s.lastSeq = sentSince ?? 0;
    }
    if (s.epoch !== epoch) {
      s.epoch = epoch;
      // A snapshot's epoch is committed with the snapshot itself: committing it earlier would make an
      // interrupted first snapshot look like a held position of seq 0.
      if (start.mode !== 'snapshot') s.dirty = true;
    }
  }

  /** One snapshot page. Returns true when this page completed the snapshot. */
  applySnapshotPage(stream: StreamName, seq: number, entities: readonly Envelope[], done: boolean, now: number): boolean {
    const s = this.#state(stream);
    if (!s.assembling || s.assembling.seq !== seq) s.assembling = { seq, entities: [] };
    for (const e of entities) s.assembling.entities.push(e);
    s.receivedAt = now;
    if (!done) return false;
    s.completed = s.assembling;
    s.assembling = null;
    s.awaitingSnapshot = false;
    s.lastSeq = s.completed.seq;
    // Events buffered before the snapshot are superseded by it.
    s.events = s.events.filter((e) => e.seq > s.lastSeq);
    return true;
  }

  applyEvent(e: Envelope, now: number): EventVerdict {
    const s = this.#state(e.stream);
    if (!s.subscribed || s.awaitingSnapshot || s.assembling) return 'not-subscribed';
    if (e.seq <= s.lastSeq) return 'duplicate';
    if (e.seq !== s.lastSeq + 1) return 'gap';
    s.events.push(e);
    s.lastSeq = e.seq;
    s.lastEventAt = e.ts;
    s.receivedAt = now;
    return 'accepted';
  }

  touch(stream: StreamName, now: number): void {
    this.#state(stream).receivedAt = now;
  }

  pendingEvents(): number {
    let n = 0;
    for (const s of this.#streams.values()) n += s.events.length;
    return n;
  }

  /** Everything ready to commit, and clears it. A stream mid-snapshot keeps its buffer for later. */
  drain(now: number): StreamWrite[] {
    const writes: StreamWrite[] = [];
    for (const [stream, s] of this.#streams) {
      if (s.assembling || s.epoch === null) continue;
      if (!s.completed && s.events.length === 0 && !s.dirty && !s.markGap) continue;
      const write: StreamWrite = { stream, epoch: s.epoch, events: s.events, receivedAt: s.receivedAt ?? now };
      if (s.completed) write.snapshot = s.completed;
      if (s.markGap) write.gap = true;
      writes.push(write);
      s.events = [];
      s.completed = null;
      s.markGap = false;
      s.dirty = false;
    }
    return writes;
  }

  lastSeq(stream: StreamName): number {
    return this.#state(stream).lastSeq;
  }

  isSubscribed(stream: StreamName): boolean {
    const s = this.#state(stream);
    return s.subscribed && !s.awaitingSnapshot && !s.assembling;
  }

  timing(stream: StreamName): { lastEventAt: number | null; receivedAt: number | null } {
    const s = this.#state(stream);
    return { lastEventAt: s.lastEventAt, receivedAt: s.receivedAt };
  }
}
