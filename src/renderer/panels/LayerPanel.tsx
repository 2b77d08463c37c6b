import { useTranslation } from 'react-i18next';
import type { FeedHealth } from '../../shared/ipc/contract.ts';
import { freshness, LAYER_STREAM } from '../domain/freshness.ts';
import { cssColor } from '../domain/palette.ts';
import { formatTime } from '../i18n/format.ts';
import { say } from '../i18n/say.ts';
import { PANEL_ORDER } from '../layers/registry.ts';
import type { LayerId } from '../state/records.ts';
import { LEGENDS } from './legend.ts';

/** Toggles, counts, data age and legend per layer: one row each, legends only for visible layers. */
export function LayerPanel(props: {
  counts: Record<LayerId, number>;
  visible: Record<LayerId, boolean>;
  onToggle: (layer: LayerId) => void;
  health: FeedHealth | null;
  now: number;
}): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const fmt = (ms: number): string => formatTime(ms, i18n.language);
  return (
    <nav className="layerpanel" aria-label={t('layers.title')}>
      {PANEL_ORDER.map((layer) => {
        const stream = LAYER_STREAM[layer];
        const f = freshness(stream, props.health?.streams[stream], props.now, fmt);
        const on = props.visible[layer];
        return (
          <section key={layer} className={`layerrow ${on ? 'on' : 'off'}`}>
            <button
              type="button"
              className="layertoggle"
              aria-pressed={on}
              data-testid={`layer-toggle-${layer}`}
              onClick={() => props.onToggle(layer)}
            >
              <span className="check" aria-hidden="true">
                {on ? '■' : '□'}
              </span>
              <span className="layername">{t(`layers.${layer}`)}</span>
              {/* Per layer: how old its data is (the strip below says since when a feed is down). */}
              <span className={`layerage tone-${f.tone}`}>{say(t, f.age ?? f.phrase)}</span>
              <span className="count" data-testid={`layer-count-${layer}`} data-count={props.counts[layer]}>
                {props.counts[layer]}
              </span>
            </button>
            {on && (
              <ul className="legend">
                {LEGENDS[layer].map((e) => (
                  <li key={e.key}>
                    <span
                      className={`swatch ${e.ring ? 'ring' : ''} ${e.diamond ? 'diamond' : ''}`}
                      style={e.ring ? { borderColor: cssColor(e.color) } : { background: cssColor(e.color) }}
                    />
                    {t(e.key)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </nav>
  );
}
