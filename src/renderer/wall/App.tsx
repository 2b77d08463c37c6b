import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchfloorBridge } from '../../shared/ipc/contract.ts';
import { rememberLanguage } from '../i18n/index.ts';
import { splitBasemap, type BasemapParts } from '../layers/basemap.ts';
import { DetailPanel } from '../panels/DetailPanel.tsx';
import type { Selection } from '../panels/detailRows.ts';
import { FeedStrip } from '../panels/FeedStrip.tsx';
import { LayerPanel } from '../panels/LayerPanel.tsx';
import { TopBar } from '../panels/TopBar.tsx';
import type { LayerId } from '../state/records.ts';
import { useOutboxStatus } from '../state/useOutboxStatus.ts';
import { useWallStore } from '../state/useWallStore.ts';
import { layerCounts } from '../state/wallState.ts';
import { loadBasemap } from './basemapSource.ts';
import { loadLayerPrefs, saveLayerPrefs } from './layerPrefs.ts';
import { setAppState } from './readiness.ts';
import type { ScreenPreset } from './screen.ts';
import { PRESETS } from './screenPresets.ts';
import { useNow } from './useNow.ts';
import { WallMap } from './WallMap.tsx';

const sameSelection = (a: Selection | null, b: Selection | null): boolean =>
  a === b || (a !== null && b !== null && a.layer === b.layer && a.id === b.id);

/** One wall window: the map, the panels around it, and the readiness hooks. */
export function App(props: { bridge: WatchfloorBridge; screen: number; preset: ScreenPreset }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const { state, revision, boot } = useWallStore(props.bridge);
  const outbox = useOutboxStatus(props.bridge);
  const pendingTargets = useMemo(() => new Set(outbox?.pendingItems.map((p) => p.target) ?? []), [outbox]);
  const [basemap, setBasemap] = useState<BasemapParts | null>(null);
  const preset = PRESETS[props.preset];
  const [visible, setVisible] = useState(() => loadLayerPrefs(props.screen, props.preset, preset.visible));
  const [hovered, setHovered] = useState<Selection | null>(null);
  const [pinned, setPinned] = useState<Selection | null>(null);
  const now = useNow(1000);
  const minute = Math.floor(now / 60_000);

  useEffect(() => {
    let cancelled = false;
    void loadBasemap().then((map) => {
      if (!cancelled) setBasemap(splitBasemap(map));
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (boot.phase === 'error') setAppState('error');
  }, [boot.phase]);

  const counts = useMemo(() => layerCounts(state), [state, revision]);
  const empty = boot.phase === 'ready' && Object.values(counts).every((n) => n === 0);

  const { screen } = props;
  const presetName = props.preset;
  const onToggle = useCallback(
    (layer: LayerId) =>
      setVisible((v) => {
        const next = { ...v, [layer]: !v[layer] };
        saveLayerPrefs(screen, presetName, next);
        return next;
      }),
    [screen, presetName],
  );
  const onHover = useCallback(
    (sel: Selection | null) => setHovered((old) => (sameSelection(old, sel) ? old : sel)),
    [],
  );
  const onSelect = useCallback((sel: Selection | null) => setPinned(sel), []);
  const onReady = useCallback(() => setAppState('ready'), []);
  // The command goes to main's outbox; the wall turns steady when the hub's alarm.acknowledged comes back.
  const { bridge } = props;
  const onAcknowledge = useCallback(
    (alarmId: string) => {
      bridge
        .invoke('alarm.acknowledge', { alarmId })
        .catch((err: unknown) => console.warn('acknowledge failed', err));
    },
    [bridge],
  );
  const toggleLanguage = useCallback(() => {
    const next = i18n.language === 'vi' ? 'en' : 'vi';
    void i18n.changeLanguage(next);
    rememberLanguage(next);
    document.documentElement.lang = next;
  }, [i18n]);

  return (
    // A red frame round the whole screen while the feed is down: from across the room, the picture is old.
    <div className={`wall feed-${state.health?.overall ?? 'offline'}`} data-screen={props.screen} data-preset={props.preset}>
      {basemap && (
        <WallMap
          state={state}
          revision={revision}
          initialView={preset.view}
          basemap={basemap}
          visible={visible}
          minute={minute}
          language={i18n.language}
          dataReady={boot.phase === 'ready'}
          onReady={onReady}
          onHover={onHover}
          onSelect={onSelect}
        />
      )}
      <TopBar
        health={state.health}
        now={now}
        screen={props.screen}
        preset={props.preset}
        dropped={state.dropped}
        outbox={outbox}
        onToggleLanguage={toggleLanguage}
      />
      <LayerPanel counts={counts} visible={visible} onToggle={onToggle} health={state.health} now={now} />
      <DetailPanel
        state={state}
        selection={pinned ?? hovered}
        pinned={pinned !== null}
        now={now}
        onClose={() => setPinned(null)}
        onAcknowledge={onAcknowledge}
        pendingTargets={pendingTargets}
      />
      <FeedStrip health={state.health} now={now} />
      {boot.phase === 'loading' && <div className="notice">{t('app.loading')}</div>}
      {boot.phase === 'error' && (
        <div className="notice tone-bad">{t('app.bootFailed', { reason: boot.reason })}</div>
      )}
      {empty && (
        <div className="notice" data-testid="no-data">
          {t('app.noData')}
        </div>
      )}
    </div>
  );
}
