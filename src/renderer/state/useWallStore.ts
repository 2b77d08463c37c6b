import { useEffect, useRef, useState } from 'react';
import type { FeedBatch, WatchfloorBridge } from '../../shared/ipc/contract.ts';
import { applyBatch, applyBootstrap, createWallState, type WallState } from './wallState.ts';

export type BootStatus =
  { phase: 'loading' } | { phase: 'ready'; empty: boolean } | { phase: 'error'; reason: string };

export interface WallStore {
  state: WallState;
  /** Bumped at most once per animation frame after state changed: the render trigger. */
  revision: number;
  boot: BootStatus;
}

/**
 * Owns the wall's entity state for one window. Batches that arrive while the bootstrap is in flight are
 * queued and applied after it (the bootstrap is older than any batch main sends after our `on`), and
 * React re-renders at most once per animation frame however many batches arrived.
 */
export function useWallStore(bridge: WatchfloorBridge): WallStore {
  const stateRef = useRef<WallState | null>(null);
  stateRef.current ??= createWallState();
  const [revision, setRevision] = useState(0);
  const [boot, setBoot] = useState<BootStatus>({ phase: 'loading' });

  useEffect(() => {
    const state = stateRef.current;
    if (!state) return;
    let disposed = false;
    let booted = false;
    let queued: FeedBatch[] = [];
    let frame: number | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let retryMs = 500;
    const schedule = (): void => {
      if (frame !== null || disposed) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        setRevision((r) => r + 1);
      });
    };

    const bootstrap = async (): Promise<void> => {
      try {
        const answer = await bridge.invoke('wall.bootstrap', undefined);
        if (disposed) return;
        retryMs = 500;
        applyBootstrap(state, answer);
        for (const b of queued) applyBatch(state, b);
        queued = [];
        booted = true;
        setBoot({ phase: 'ready', empty: answer.catalog.length === 0 && answer.entities.length === 0 });
        schedule();
      } catch (err) {
        if (disposed) return;
        // An invoke in flight when the connection to main drops fails; the caller retries (webBridge.ts).
        setBoot({ phase: 'error', reason: err instanceof Error ? err.message : String(err) });
        retryTimer = setTimeout(() => void bootstrap(), retryMs);
        retryMs = Math.min(10_000, retryMs * 2);
      }
    };

    const offBatch = bridge.on('feed.batch', (batch) => {
      if (!booted) {
        queued.push(batch);
        return;
      }
      applyBatch(state, batch);
      schedule();
    });
    const offHealth = bridge.on('feed.health', (health) => {
      state.health = health;
      schedule();
    });
    // A changed catalog (new segments, cameras) means new geometry: take a fresh bootstrap.
    const offCatalog = bridge.on('catalog.changed', () => {
      booted = false;
      void bootstrap();
    });
    void bootstrap();
    return () => {
      disposed = true;
      offBatch();
      offHealth();
      offCatalog();
      if (frame !== null) cancelAnimationFrame(frame);
      if (retryTimer !== null) clearTimeout(retryTimer);
    };
  }, [bridge]);

  return { state: stateRef.current, revision, boot };
}
