// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { DetailPanel } from '../../../src/renderer/panels/DetailPanel.tsx';
import { FeedStrip } from '../../../src/renderer/panels/FeedStrip.tsx';
import { LayerPanel } from '../../../src/renderer/panels/LayerPanel.tsx';
import { TopBar } from '../../../src/renderer/panels/TopBar.tsx';
import { LAYER_IDS, type LayerId } from '../../../src/renderer/state/records.ts';
import { applyBatch, createWallState, layerCounts } from '../../../src/renderer/state/wallState.ts';
import type { FeedHealth, StreamHealth } from '../../../src/shared/ipc/contract.ts';
import { mountPanels } from './mountPanel.tsx';
import { envelope, report } from './fixtures.ts';


const now = Date.UTC(2026, 10, 28, 8, 0);
const stream = (over: Partial<StreamHealth> = {}): StreamHealth => ({
  state: 'live',
  lastEventAt: now - 1000,
  lastReceivedAt: now,
  lastSeq: 3,
  lagMs: 4,
  reconnects: 0,
  gap: false,
  backfill: null,
  offlineSince: null,
  ...over,
});
const health = (over: Partial<FeedHealth> = {}): FeedHealth => ({
  overall: 'live',
  hubUrl: 'http://127.0.0.1:7420',
  streams: {
    traffic: stream(),
    security: stream(),
    units: stream({ gap: true, backfill: { done: 3, total: 10 } }),
  },
  rejected: { total: 7, byReason: { 'invalid envelope': 7 } },
  ...over,
});

const { host: mountHost, render } = mountPanels();
const q = (sel: string): HTMLElement => {
  const el = mountHost().querySelector<HTMLElement>(sel);
  if (!el) throw new Error(`missing ${sel}`);
  return el;
};

describe('panels', () => {
  it('TopBar exposes the overall feed state and the rejected total', () => {
    render(
      <TopBar
        health={health({ overall: 'reconnecting' })}
        now={now}
        screen={0}
        dropped={0}
        onToggleLanguage={() => {}}
      />,
    );
    expect(q('[data-testid="feed-status"]').dataset.state).toBe('reconnecting');
    expect(q('[data-testid="feed-status"]').textContent).toContain('Đang kết nối lại');
    expect(q('[data-testid="diagnostics-rejected"]').dataset.count).toBe('7');
    expect(q('[data-testid="diagnostics-rejected"]').textContent).toBe('7');
    expect(q('[data-testid="diagnostics-pending"]').dataset.count).toBe('7');
    expect(q('.clock').textContent).toBe('15:00');
  });

  it('TopBar without health says offline, not live', () => {
    render(<TopBar health={null} now={now} screen={2} preset="security" dropped={0} onToggleLanguage={() => {}} />, 'en');
    expect(q('[data-testid="feed-status"]').dataset.state).toBe('offline');
    expect(q('[data-testid="screen-label"]').textContent).toBe('Screen 3 · Security');
  });

  it('LayerPanel shows raw counts and toggles', () => {
    const visible = Object.fromEntries(LAYER_IDS.map((l) => [l, true])) as Record<LayerId, boolean>;
    const counts = Object.fromEntries(LAYER_IDS.map((l, i) => [l, i * 1000])) as Record<LayerId, number>;
    const toggled: LayerId[] = [];
    render(
      <LayerPanel
        counts={counts}
        visible={{ ...visible, noise: false }}
        onToggle={(l) => toggled.push(l)}
        health={health()}
        now={now}
      />,
    );
    for (const l of LAYER_IDS)
      expect(q(`[data-testid="layer-count-${l}"]`).dataset.count).toBe(String(counts[l]));
    expect(q('[data-testid="layer-toggle-noise"]').getAttribute('aria-pressed')).toBe('false');
    act(() => q('[data-testid="layer-toggle-traffic"]').click());
    expect(toggled).toEqual(['traffic']);
  });

  it('FeedStrip shows offline since a local time, gaps and backfill', () => {
    const h = health({
      overall: 'offline',
      streams: {
        traffic: stream({ state: 'offline', offlineSince: Date.UTC(2026, 10, 28, 7, 32) }),
        units: stream({ gap: true, backfill: { done: 3, total: 10 } }),
      },
    });
    render(<FeedStrip health={h} now={now} />);
    expect(q('[data-testid="stream-traffic"]').textContent).toContain('mất kết nối từ 14:32');
    expect(q('[data-testid="stream-traffic"]').className).toContain('tone-bad');
    expect(q('[data-testid="stream-units"]').textContent).toContain('thiếu dữ liệu');
    expect(q('[data-testid="stream-units"]').textContent).toContain('đang bù 3/10');
  });

  it('DetailPanel renders feed text as text, never as markup', () => {
    const s = createWallState();
    applyBatch(s, {
      upserts: [
        envelope(
          'report.created',
          'report:x',
          report({
            title: '<img src=x onerror=alert(1)>',
            description: '<b>bold</b>',
            slaDeadline: now + 10 * 3600_000,
            createdAt: now - 3600_000,
          }),
        ),
      ],
      removals: [],
    });
    expect(layerCounts(s).reports).toBe(1);
    render(
      <DetailPanel
        state={s}
        selection={{ layer: 'reports', id: 'report:x' }}
        pinned
        now={now}
        onClose={() => {}}
      />,
    );
    expect(mountHost().querySelector('img')).toBeNull();
    expect(mountHost().querySelector('b')).toBeNull();
    expect(q('.detail-title').textContent).toBe('<img src=x onerror=alert(1)>');
    expect(mountHost().textContent).toContain('Trong hạn');
  });
});

describe('alarm acknowledgement', () => {
  it('offers acknowledge for a pinned unacknowledged alarm and hands the id to the caller', () => {
    const s = createWallState();
    applyBatch(s, {
      upserts: [
        envelope('alarm.raised', 'alarm:7', {
          kind: 'smoke_fire',
          cameraId: 'camera:1',
          position: [106.76, 21.85],
          severity: 'critical',
          confidence: 0.9,
        }),
      ],
      removals: [],
    });
    const acked: string[] = [];
    render(
      <DetailPanel
        state={s}
        selection={{ layer: 'alarms', id: 'alarm:7' }}
        pinned
        now={now}
        onClose={() => {}}
        onAcknowledge={(id) => acked.push(id)}
      />,
    );
    expect(q('.detail-title').textContent).toBe('Khói / cháy');
    act(() => q('[data-testid="alarm-acknowledge"]').click());
    expect(acked).toEqual(['alarm:7']);
    applyBatch(s, {
      upserts: [
        envelope('alarm.acknowledged', 'alarm:7', { by: { operator: 'An', station: 'ioc-1' }, at: 1 }),
      ],
      removals: [],
    });
    render(
      <DetailPanel
        state={s}
        selection={{ layer: 'alarms', id: 'alarm:7' }}
        pinned
        now={now}
        onClose={() => {}}
        onAcknowledge={(id) => acked.push(id)}
      />,
    );
    expect(mountHost().querySelector('[data-testid="alarm-acknowledge"]')).toBeNull();
  });
});
