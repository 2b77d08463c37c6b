import { describe, expect, it } from 'vitest';
import { freshness } from '../../../src/renderer/domain/freshness.ts';
import { aqiBand, congestionBand, noiseBand, waterBand } from '../../../src/renderer/domain/palette.ts';
import { slaState } from '../../../src/renderer/domain/sla.ts';
import { ageParts, formatDateTime, formatTime } from '../../../src/renderer/i18n/format.ts';
import type { StreamHealth } from '../../../src/shared/ipc/contract.ts';

const H = 3600_000;

describe('bands', () => {
  it('VN_AQI bands follow Decision 1459/QĐ-TCMT', () => {
    expect([0, 50, 51, 100, 101, 150, 151, 200, 201, 300, 301, 500].map(aqiBand)).toEqual([
      'good',
      'good',
      'moderate',
      'moderate',
      'poor',
      'poor',
      'bad',
      'bad',
      'veryBad',
      'veryBad',
      'hazardous',
      'hazardous',
    ]);
  });
  it('congestion, river and noise bands', () => {
    expect([0, 0.3, 0.6, 0.9, Number.NaN].map(congestionBand)).toEqual([
      'free',
      'slow',
      'heavy',
      'jam',
      'unknown',
    ]);
    expect([1, 2, 3.5, 4].map((l) => waterBand(l, [2, 3, 4]))).toEqual([
      'normal',
      'level1',
      'level2',
      'level3',
    ]);
    expect([40, 60, 75, 90].map(noiseBand)).toEqual(['quiet', 'normal', 'loud', 'veryLoud']);
  });
});

describe('SLA state', () => {
  const r = { status: 'open', createdAt: 0, slaDeadline: 48 * H };
  it('on time, due soon in the last fifth, overdue after the deadline', () => {
    expect(slaState(r, 10 * H)).toBe('onTime');
    expect(slaState(r, 40 * H)).toBe('dueSoon');
    expect(slaState(r, 49 * H)).toBe('overdue');
  });
  it('due soon at least an hour before a short deadline', () => {
    expect(slaState({ status: 'open', createdAt: 0, slaDeadline: 2 * H }, 1.5 * H)).toBe('dueSoon');
  });
  it('resolved reports are done whatever the clock', () => {
    expect(slaState({ ...r, status: 'resolved' }, 100 * H)).toBe('done');
  });
});

describe('time formatting', () => {
  // 2026-11-28T07:32:00Z is 14:32 in Hồ Chí Minh City (UTC+7, no DST).
  const t = Date.UTC(2026, 10, 28, 7, 32);
  it('24-hour HH:mm in Asia/Ho_Chi_Minh in both languages', () => {
    expect(formatTime(t, 'vi')).toBe('14:32');
    expect(formatTime(t, 'en')).toBe('14:32');
    expect(formatTime(Date.UTC(2026, 10, 28, 17, 5), 'en')).toBe('00:05');
    expect(formatDateTime(t, 'en')).toContain('14:32');
  });
  it('data age in steps operators read at a glance', () => {
    expect(ageParts(3_000)).toEqual({ key: 'feed.live', n: 0 });
    expect(ageParts(42_000)).toEqual({ key: 'feed.ageSeconds', n: 42 });
    expect(ageParts(125_000)).toEqual({ key: 'feed.ageMinutes', n: 2 });
    expect(ageParts(3 * H)).toEqual({ key: 'feed.ageHours', n: 3 });
    expect(ageParts(72 * H)).toEqual({ key: 'feed.ageDays', n: 3 });
  });
});

describe('freshness', () => {
  const now = Date.UTC(2026, 10, 28, 8, 0);
  const h = (over: Partial<StreamHealth>): StreamHealth => ({
    state: 'live',
    lastEventAt: now - 1000,
    lastReceivedAt: now,
    lastSeq: 1,
    lagMs: 5,
    reconnects: 0,
    gap: false,
    backfill: null,
    offlineSince: null,
    ...over,
  });
  const fmt = (ms: number): string => formatTime(ms, 'vi');
  it('live, then amber and red as telemetry ages', () => {
    expect(freshness('traffic', h({}), now, fmt)).toMatchObject({ tone: 'ok', phrase: { key: 'feed.live' } });
    expect(freshness('traffic', h({ lastEventAt: now - 2 * 60_000 }), now, fmt)).toMatchObject({
      tone: 'warn',
      phrase: { key: 'feed.ageMinutes', params: { n: 2 } },
    });
    expect(freshness('traffic', h({ lastEventAt: now - 10 * 60_000 }), now, fmt).tone).toBe('bad');
  });
  it('quiet record streams are not stale while connected', () => {
    expect(freshness('incidents', h({ lastEventAt: now - 5 * H }), now, fmt).tone).toBe('ok');
  });
  it('offline since a local time, with the age of what is held', () => {
    const f = freshness(
      'traffic',
      h({ state: 'offline', offlineSince: Date.UTC(2026, 10, 28, 7, 32), lastEventAt: now - 30 * 60_000 }),
      now,
      fmt,
    );
    expect(f).toMatchObject({
      tone: 'bad',
      phrase: { key: 'feed.offlineSince', params: { time: '14:32' } },
      age: { key: 'feed.ageMinutes', params: { n: 30 } },
    });
  });
  it('reconnecting is amber', () => {
    expect(freshness('units', h({ state: 'reconnecting' }), now, fmt).tone).toBe('warn');
  });
});
