import { useTranslation } from 'react-i18next';
import type { FeedHealth } from '../../shared/ipc/contract.ts';
import { STREAMS } from '../../shared/protocol/streams.ts';
import { freshness } from '../domain/freshness.ts';
import { formatTime } from '../i18n/format.ts';
import { say } from '../i18n/say.ts';

/** One cell per stream: state, data age, gap and backfill. Always on screen. */
export function FeedStrip(props: { health: FeedHealth | null; now: number }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const fmt = (ms: number): string => formatTime(ms, i18n.language);
  return (
    <footer className="feedstrip" aria-label={t('feed.title')}>
      {STREAMS.map((stream) => {
        const h = props.health?.streams[stream];
        const f = freshness(stream, h, props.now, fmt);
        return (
          <div
            key={stream}
            className={`feedcell tone-${f.tone}`}
            data-testid={`stream-${stream}`}
            data-state={h?.state ?? 'none'}
          >
            <div className="feedcell-head">
              <span className="dot" />
              <span className="feedcell-name">{t(`streams.${stream}`)}</span>
              {h?.gap && <span className="badge tone-warn">{t('feed.gap')}</span>}
              {h?.backfill && h.backfill.done < h.backfill.total && (
                <span className="badge tone-info">
                  {t('feed.backfill', { done: h.backfill.done, total: h.backfill.total })}
                </span>
              )}
            </div>
            <span className="feedcell-age">{say(t, f.phrase)}</span>
            {f.age && <span className="feedcell-sub">{say(t, f.age)}</span>}
          </div>
        );
      })}
    </footer>
  );
}
