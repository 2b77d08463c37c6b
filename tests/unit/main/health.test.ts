import { describe, expect, it } from 'vitest';
import { computeHealth, healthSignature, type HealthInputs, type StreamInputs } from '../../../src/main/feed/health.ts';

const stream = (s: Partial<StreamInputs> = {}): StreamInputs => ({
  subscribed: true,
  lastSeq: 10,
  lastEventAt: 1000,
  receivedAt: 1250,
  gap: false,
  backfill: null,
  ...s,
});

function inputs(i: Partial<HealthInputs>): HealthInputs {
  return {
    hubUrl: 'http://127.0.0.1:7420',
    connected: true,
    disconnectedSince: 0,
    reconnects: 0,
    streams: new Map([['traffic', stream()]]),
    rejected: { total: 0, byReason: {} },
    now: 10_000,
    offlineAfterMs: 3000,
    ...i,
  };
}

describe('the health model', () => {
  it('is live when subscribed on a connected socket, with lag from hub ts to local receive', () => {
    const h = computeHealth(inputs({}));
    expect(h.overall).toBe('live');
    expect(h.streams.traffic).toMatchObject({ state: 'live', lagMs: 250, offlineSince: null });
  });

  it('is reconnecting right after the connection drops, offline after the threshold, since the drop', () => {
    const lost = { connected: false, disconnectedSince: 9000 };
    expect(computeHealth(inputs({ ...lost, now: 11_999 })).overall).toBe('reconnecting');
    const h = computeHealth(inputs({ ...lost, now: 12_000 }));
    expect(h.overall).toBe('offline');
    expect(h.streams.traffic?.offlineSince).toBe(9000);
  });

  it('reports the worst stream overall (connected but one stream still waiting)', () => {
    const h = computeHealth(inputs({ streams: new Map([['traffic', stream()], ['security', stream({ subscribed: false })]]) }));
    expect(h.overall).toBe('reconnecting');
  });

  it('changes signature on state, gap, backfill and rejections, not on lag alone', () => {
    const base = healthSignature(computeHealth(inputs({})));
    expect(healthSignature(computeHealth(inputs({ streams: new Map([['traffic', stream({ receivedAt: 9999 })]]) })))).toBe(base);
    expect(healthSignature(computeHealth(inputs({ streams: new Map([['traffic', stream({ gap: true })]]) })))).not.toBe(base);
    expect(healthSignature(computeHealth(inputs({ streams: new Map([['traffic', stream({ backfill: { done: 1, total: 9 } })]]) })))).not.toBe(base);
    expect(healthSignature(computeHealth(inputs({ rejected: { total: 1, byReason: { x: 1 } } })))).not.toBe(base);
  });
});
