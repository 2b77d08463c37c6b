import { useEffect, useState } from 'react';
import type { CommandOutput, WatchfloorBridge } from '../../shared/ipc/contract.ts';

export type OutboxStatus = CommandOutput<'outbox.status'>;

/**
 * The operator's writes as main's outbox holds them: refetched whenever main says the outbox changed
 * (a write queued, answered or refused), so "N changes waiting to send" and refused writes with their
 * reasons are never stale. Null until the first answer.
 */
export function useOutboxStatus(bridge: WatchfloorBridge): OutboxStatus | null {
  const [status, setStatus] = useState<OutboxStatus | null>(null);
  useEffect(() => {
    let live = true;
    // Answers can arrive out of order: only the newest request may set the state.
    let latest = 0;
    const refresh = () => {
      const mine = ++latest;
      bridge
        .invoke('outbox.status', undefined)
        .then((s) => {
          if (live && mine === latest) setStatus(s);
        })
        .catch((err: unknown) => console.warn('outbox.status failed', err));
    };
    refresh();
    const off = bridge.on('store.changed', (change) => {
      if (change.tables.includes('outbox')) refresh();
    });
    return () => {
      live = false;
      off();
    };
  }, [bridge]);
  return status;
}
