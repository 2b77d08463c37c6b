import { useTranslation } from 'react-i18next';
import type { WallState } from '../state/wallState.ts';
import { detailFor, type Selection } from './detailRows.ts';

/** Hovered or pinned entity. Every value is a React text node: feed text can never become markup. */
export function DetailPanel(props: {
  state: WallState;
  selection: Selection | null;
  pinned: boolean;
  now: number;
  onClose: () => void;
  /** Present when this window may act: acknowledging stops an alarm's pulse on every wall. */
  onAcknowledge?: (alarmId: string) => void;
  /** Entities with an operator write still in the outbox: shown as done-but-not-yet-sent, not re-offered. */
  pendingTargets?: ReadonlySet<string>;
}): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const sel = props.selection;
  if (!sel) return null;
  const detail = detailFor(props.state, sel, (k, p) => (p ? t(k, p) : t(k)), i18n.language, props.now);
  if (!detail) return null;
  return (
    <aside className="detail" data-testid="detail-panel" data-layer={sel.layer}>
      <div className="detail-head">
        <span className="detail-kind">{t(`layers.${sel.layer}`)}</span>
        {props.pinned && (
          <button
            type="button"
            className="detail-close"
            onClick={props.onClose}
            aria-label={t('detail.close')}
          >
            ×
          </button>
        )}
      </div>
      <h2 className="detail-title">{detail.title}</h2>
      <dl>
        {detail.rows.map(([k, v]) => (
          <div key={k} className="detail-row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {sel.layer === 'alarms' &&
        props.pendingTargets?.has(sel.id) === true &&
        !props.state.alarms.byId.get(sel.id)?.acknowledged && (
          <p className="detail-pending tone-warn" data-testid="alarm-ack-pending">
            {t('detail.ackPending')}
          </p>
        )}
      {props.onAcknowledge &&
        props.pinned &&
        sel.layer === 'alarms' &&
        props.pendingTargets?.has(sel.id) !== true &&
        !props.state.alarms.byId.get(sel.id)?.acknowledged && (
          <button
            type="button"
            className="detail-action"
            data-testid="alarm-acknowledge"
            onClick={() => props.onAcknowledge?.(sel.id)}
          >
            {t('detail.acknowledge')}
          </button>
        )}
    </aside>
  );
}
