// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { DetailPanel } from '../../../src/renderer/panels/DetailPanel.tsx';
import { TopBar } from '../../../src/renderer/panels/TopBar.tsx';
import type { OutboxStatus } from '../../../src/renderer/state/useOutboxStatus.ts';
import { applyBatch, createWallState } from '../../../src/renderer/state/wallState.ts';
import { mountPanels } from './mountPanel.tsx';
import { envelope } from './fixtures.ts';

// The operator sees their own writes: how many wait for the hub, which ones the hub refused and why,
// and an alarm they acknowledged offline as "acknowledged — waiting to send" instead of a fresh button.

const { host: mountHost, render } = mountPanels();
const q = (sel: string): HTMLElement | null => mountHost().querySelector<HTMLElement>(sel);

const status: OutboxStatus = {
  pending: 3,
  pendingItems: [1, 2, 3].map((i) => ({
    commandId: `c${i}`,
    type: 'alarm.acknowledge',
    target: `alarm:${i}`,
    createdAt: 1,
    attempts: 0,
    lastError: null,
  })),
  rejected: [
    {
      commandId: 'r1',
      type: 'alarm.acknowledge',
      target: 'alarm:9',
      answeredAt: 2,
      code: 'not_found',
      message: 'no active alarm alarm:9',
    },
  ],
};

describe('pending and refused writes', () => {
  it('TopBar says how many changes wait and lists refusals with their reasons', () => {
    render(
      <TopBar health={null} now={0} screen={0} dropped={0} outbox={status} onToggleLanguage={() => {}} />,
    );
    expect(q('[data-testid="outbox-pending"]')?.textContent).toBe('3 thay đổi đang chờ gửi');
    expect(q('[data-testid="outbox-pending"]')?.dataset.count).toBe('3');
    const refused = q('[data-testid="outbox-rejected"]');
    expect(refused?.dataset.count).toBe('1');
    expect(refused?.title).toContain('alarm:9: not_found — no active alarm alarm:9');
    render(
      <TopBar
        health={null}
        now={0}
        screen={0}
        dropped={0}
        outbox={{ ...status, pending: 1 }}
        onToggleLanguage={() => {}}
      />,
      'en',
    );
    expect(q('[data-testid="outbox-pending"]')?.textContent).toBe('1 change waiting to send');
    expect(q('[data-testid="outbox-rejected"]')?.textContent).toBe('1 change refused');
  });

  it('shows an alarm acknowledged offline as waiting to send, not as a new button', () => {
    const s = createWallState();
    applyBatch(s, {
      upserts: [
        envelope('alarm.raised', 'alarm:2', {
          kind: 'crowd',
          cameraId: 'camera:1',
          position: [106.76, 21.85],
          severity: 'high',
          confidence: 0.8,
        }),
      ],
      removals: [],
    });
    render(
      <DetailPanel
        state={s}
        selection={{ layer: 'alarms', id: 'alarm:2' }}
        pinned
        now={0}
        onClose={() => {}}
        onAcknowledge={() => {}}
        pendingTargets={new Set(status.pendingItems.map((p) => p.target))}
      />,
    );
    expect(q('[data-testid="alarm-acknowledge"]')).toBeNull();
    expect(q('[data-testid="alarm-ack-pending"]')?.textContent).toBe('Đã xác nhận — đang chờ gửi');
  });
});
