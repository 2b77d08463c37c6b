import { useTranslation } from 'react-i18next';
import type { FeedHealth, FeedState } from '../../shared/ipc/contract.ts';
import { formatTime } from '../i18n/format.ts';
import type { OutboxStatus } from '../state/useOutboxStatus.ts';
import type { ScreenPreset } from '../wall/screen.ts';

const STATE_TONE: Record<FeedState, string> = { live: 'ok', reconnecting: 'warn', offline: 'bad' };

/** Title, clock, overall feed state and diagnostics: the line an operator reads first. */
export function TopBar(props: {
  health: FeedHealth | null;
  now: number;
  screen: number;
  /** What this display watches (its preset), named beside the screen number. */
  preset?: ScreenPreset;
  dropped: number;
  /** The operator's writes not yet answered by the hub, and those it refused (null until known). */
  outbox?: OutboxStatus | null;
  onToggleLanguage: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const overall: FeedState = props.health?.overall ?? 'offline';
  const rejected = props.health?.rejected.total ?? 0;
  const pending = Object.values(props.health?.streams ?? {}).reduce(
    (sum, s) => sum + (s?.backfill ? Math.max(0, s.backfill.total - s.backfill.done) : 0),
    0,
  );
  return (
    <header className="topbar">
      <div className="topbar-title">
        <span className="brand">{t('app.title')}</span>
        <span className="city">{t('app.city')}</span>
        {/* Numbered from 1, as the shell titles the windows and as people count displays. */}
        <span className="screen" data-testid="screen-label">
          {t('app.screen', { n: props.screen + 1 })} · {t(`presets.${props.preset ?? 'overview'}`)}
        </span>
      </div>
      <div className="topbar-right">
        <div
          className="diag"
          title={Object.entries(props.health?.rejected.byReason ?? {})
            .map(([r, n]) => `${n} × ${r}`)
            .join('\n')}
        >
          <span className="diag-label">{t('diag.pending')}</span>
          <span className="diag-value" data-testid="diagnostics-pending" data-count={pending}>
            {pending}
          </span>
          <span className="diag-label">{t('diag.rejected')}</span>
          <span
            className={`diag-value ${rejected > 0 ? 'tone-warn' : ''}`}
            data-testid="diagnostics-rejected"
            data-count={rejected}
            data-dropped={props.dropped}
          >
            {rejected}
          </span>
        </div>
        <OutboxCounters status={props.outbox ?? null} />
        <div
          className={`feed-pill tone-${STATE_TONE[overall]}`}
          data-testid="feed-status"
          data-state={overall}
        >
          <span className="dot" />
          {t(`feed.state.${overall}`)}
        </div>
        <time className="clock">{formatTime(props.now, i18n.language)}</time>
        <button type="button" className="lang" onClick={props.onToggleLanguage}>
          {t('app.language')}
        </button>
      </div>
    </header>
  );
}

/**
 * "N changes waiting to send" while writes sit in the outbox (the hub is down or slow), and the writes
 * the hub refused, with each reason in the tooltip: a refused write is kept, never silently dropped.
 */
function OutboxCounters(props: { status: OutboxStatus | null }): React.JSX.Element | null {
  const { t } = useTranslation();
  const pending = props.status?.pending ?? 0;
  const rejected = props.status?.rejected ?? [];
  return (
    <div className="diag outbox" hidden={pending === 0 && rejected.length === 0}>
      <span
        className={`diag-value ${pending > 0 ? 'tone-warn' : ''}`}
        data-testid="outbox-pending"
        // Nothing to say on a wall when nothing waits; the element stays for tests and layout.
        hidden={pending === 0}
        data-count={pending}
        title={(props.status?.pendingItems ?? [])
          .map((p) => `${p.type} ${p.target}${p.lastError ? ` (${p.lastError})` : ''}`)
          .join('\n')}
      >
        {t('outbox.pending', { count: pending })}
      </span>
      {rejected.length > 0 && (
        <span
          className="diag-value tone-bad"
          data-testid="outbox-rejected"
          data-count={rejected.length}
          title={rejected
            .map((r) =>
              t('outbox.rejectedItem', { type: r.type, target: r.target, code: r.code, message: r.message }),
            )
            .join('\n')}
        >
          {t('outbox.rejected', { count: rejected.length })}
        </span>
      )}
    </div>
  );
}
