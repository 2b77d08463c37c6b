import type { Envelope, EventDraft } from '../../shared/protocol/envelope.ts';
import type { StreamName } from '../../shared/protocol/streams.ts';

/**
 * The hub's event log: the one seam between the hub and its storage. SQLite for a single hub
 * (sqliteEventLog.ts); a Redis Streams log can implement the same interface when a province runs
 * several hubs. Every method is synchronous on purpose: the hub relies on "append, then broadcast" and
 * "read the tail, then join the live room" happening in one JS turn, so no event can slip between them.
 */
export interface EventLog {
  /** Random id of this log's life; a new or wiped log gets a new one (clients then take a snapshot). */
  readonly epoch: string;
  /**
   * Appends drafts in one transaction: each gets the next seq of its stream (derived from its type) and
   * `ts` = the hub clock. `command` stores a command's first answer in the same transaction, so an event
   * and the dedup record of the command that made it are never separated by a crash.
   */
  appendBatch(drafts: readonly EventDraft[], command?: CommandRecord): Envelope[];
  /** Envelopes with `seq > afterSeq`, ascending, at most `limit`. */
  readRange(stream: StreamName, afterSeq: number, limit: number): Envelope[];
  /** Oldest held and newest seq of a stream; `{ 0, 0 }` while it never had an event. */
  range(stream: StreamName): StreamRange;
  /**
   * The latest envelope of an entity per event type (an alarm keeps its `alarm.raised` next to its
   * `alarm.acknowledged`), ascending by seq; empty when unknown or removed.
   */
  latestOf(stream: StreamName, id: string): Envelope[];
  /**
   * A consistent view of one stream's latest state as of one log position, read in pages while appends
   * go on. Close it when done (it holds a read transaction).
   */
  openSnapshot(stream: StreamName): SnapshotReader;
  /** The stored first answer of a command, if it was applied before. */
  commandAnswer(commandId: string): unknown;
  /** Stores a command's answer without events (a rejected command answers the same way when repeated). */
  recordCommand(command: CommandRecord): void;
  /** Applies retention to telemetry streams; returns how many events were deleted. */
  prune(now: number): number;
  close(): void;
}

export interface StreamRange {
  firstSeq: number;
  lastSeq: number;
}

export interface CommandRecord {
  commandId: string;
  answer: unknown;
}

export interface SnapshotReader {
  /** Log position the snapshot reflects: the stream's events continue from `seq + 1`. */
  readonly seq: number;
  /** The next page (latest envelopes of whole entities, ascending by seq); empty when done. */
  nextPage(limit: number): Envelope[];
  close(): void;
}

/** Retention of telemetry streams (record streams are never pruned). */
export interface RetentionPolicy {
  /** Events older than this (hub `ts`) are deleted. */
  maxAgeMs: number;
  /** At most this many events are kept per stream. */
  maxEventsPerStream: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  maxAgeMs: 24 * 60 * 60 * 1000,
  maxEventsPerStream: 2_000_000,
};
