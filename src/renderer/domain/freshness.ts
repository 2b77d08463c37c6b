import type { StreamHealth } from '../../shared/ipc/contract.ts';
import type { StreamName } from '../../shared/protocol/streams.ts';
import { RECORD_STREAMS } from '../../shared/protocol/streams.ts';
import { ageParts } from '../i18n/format.ts';
import type { LayerId } from '../state/records.ts';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

/** Telemetry older than this is amber, then red: a sensor tick is seconds apart in a live city. */
export const STALE_WARN_MS = 60_000;
export const STALE_BAD_MS = 5 * 60_000;

export const LAYER_STREAM: Record<LayerId, StreamName> = {
  traffic: 'traffic',
  cameras: 'security',
  alarms: 'security',
  air: 'environment',
  water: 'environment',
  noise: 'environment',
  units: 'units',
  incidents: 'incidents',
  reports: 'reports',
  alerts: 'alerts',
};

/** A translatable phrase: an i18n key and its parameters. */
export interface Phrase {
  key: string;
  params?: Record<string, string | number>;
}

export interface Freshness {
  tone: Tone;
  /** "live", "2 min old", "offline since 14:32", … */
  phrase: Phrase;
  /** While disconnected: how old the newest data held is. */
  age?: Phrase;
}

function agePhrase(h: StreamHealth, now: number): Phrase | undefined {
  if (h.lastEventAt === null) return undefined;
  const parts = ageParts(now - h.lastEventAt);
  // While disconnected nothing is "live", however recent the last datum: say its age in seconds.
  if (parts.key === 'feed.live')
    return { key: 'feed.ageSeconds', params: { n: Math.max(0, Math.floor((now - h.lastEventAt) / 1000)) } };
  return { key: parts.key, params: { n: parts.n } };
}

/**
 * How fresh one stream's data is, for the health strip and every layer row. Record streams (incidents,
 * reports, alerts) are quiet for hours in a calm city, so their age is not staleness while connected.
 */
export function freshness(
  stream: StreamName,
  h: StreamHealth | undefined,
  now: number,
  formatTime: (ms: number) => string,
): Freshness {
  if (!h) return { tone: 'idle', phrase: { key: 'feed.noEvents' } };
  if (h.state === 'offline') {
    const since = h.offlineSince ?? h.lastReceivedAt;
    const phrase: Phrase =
      since === null
        ? { key: 'feed.state.offline' }
        : { key: 'feed.offlineSince', params: { time: formatTime(since) } };
    return withAge({ tone: 'bad', phrase }, agePhrase(h, now));
  }
  if (h.state === 'reconnecting')
    return withAge({ tone: 'warn', phrase: { key: 'feed.reconnecting' } }, agePhrase(h, now));
  if (h.lastEventAt === null) return { tone: 'idle', phrase: { key: 'feed.noEvents' } };
  if (RECORD_STREAMS.has(stream)) return { tone: 'ok', phrase: { key: 'feed.live' } };
  const age = Math.max(0, now - h.lastEventAt);
  const parts = ageParts(age);
  const tone: Tone = age >= STALE_BAD_MS ? 'bad' : age >= STALE_WARN_MS ? 'warn' : 'ok';
  return { tone, phrase: { key: parts.key, params: { n: parts.n } } };
}

function withAge(f: Freshness, age: Phrase | undefined): Freshness {
  return age ? { ...f, age } : f;
}
