import type { FeedHealth, FeedState, StreamHealth } from '../../shared/ipc/contract.ts';
import type { StreamName } from '../../shared/protocol/streams.ts';

export interface StreamInputs {
  subscribed: boolean;
  lastSeq: number;
  lastEventAt: number | null;
  receivedAt: number | null;
  gap: boolean;
  backfill: { done: number; total: number } | null;
}

export interface HealthInputs {
  hubUrl: string | null;
  connected: boolean;
  /** Local ms the connection was lost, or the start time while it was never made. */
  disconnectedSince: number;
  reconnects: number;
  streams: ReadonlyMap<StreamName, StreamInputs>;
  rejected: FeedHealth['rejected'];
  now: number;
  /** Reconnecting turns offline after this long without a connection. */
  offlineAfterMs: number;
}

const RANK: Record<FeedState, number> = { live: 0, reconnecting: 1, offline: 2 };

/**
 * The health model: a stream is live once subscribed on a connected socket; without a connection it is
 * reconnecting for `offlineAfterMs`, then offline (since the moment the connection was lost). Pure, so
 * the same inputs always give the same strip on the wall.
 */
export function computeHealth(i: HealthInputs): FeedHealth {
  const down = i.now - i.disconnectedSince >= i.offlineAfterMs;
  const streams: Partial<Record<StreamName, StreamHealth>> = {};
  let overall: FeedState = 'live';
  for (const [name, s] of i.streams) {
    const state: FeedState = i.connected && s.subscribed ? 'live' : i.connected || !down ? 'reconnecting' : 'offline';
    if (RANK[state] > RANK[overall]) overall = state;
    streams[name] = {
      state,
      lastEventAt: s.lastEventAt,
      lastReceivedAt: s.receivedAt,
      lastSeq: s.lastSeq,
      lagMs: s.lastEventAt !== null && s.receivedAt !== null ? Math.max(0, s.receivedAt - s.lastEventAt) : null,
      reconnects: i.reconnects,
      gap: s.gap,
      backfill: s.backfill,
      offlineSince: state === 'offline' ? i.disconnectedSince : null,
    };
  }
  if (i.streams.size === 0) overall = i.connected ? 'live' : down ? 'offline' : 'reconnecting';
  return { overall, hubUrl: i.hubUrl, streams, rejected: i.rejected };
}

/**
 * What makes a health change worth an immediate `feed.health` event (states, gaps, reconnects, backfill,
 * rejections). Timing-only changes (lag, last received) are sent at a slower pace.
 */
export function healthSignature(h: FeedHealth): string {
  const parts: string[] = [h.overall, String(h.rejected.total)];
  for (const [name, s] of Object.entries(h.streams)) {
    parts.push(`${name}:${s.state}:${s.gap}:${s.reconnects}:${s.backfill ? `${s.backfill.done}/${s.backfill.total}` : '-'}`);
  }
  return parts.join('|');
}
