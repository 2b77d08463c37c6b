import type {
  CommandInput,
  CommandName,
  CommandOutput,
  EventName,
  EventPayload,
  FeedHealth,
  FeedState,
  WatchfloorBridge,
} from '../../../src/shared/ipc/contract.ts';
import { STREAMS } from '../../../src/shared/protocol/streams.ts';
import { fakeCatalog, fakeEntities, fakeTick } from './fakeCity.ts';

/**
 * Stands in for src/renderer/bridge.ts in the renderer-only harness build (aliased by
 * harness.vite.config.ts): the same `WatchfloorBridge` shape, answered from a fake city. Tests steer it
 * through `window.__fakeHub`.
 */
type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
const startedAt = Date.now();
const catalog = fakeCatalog();
const params = new URLSearchParams(location.search);
const emptyCity = params.get('fake') === 'empty';
let overall: FeedState = 'live';
let offlineSince: number | null = null;
let lastEventAt = startedAt;
let rejected = 0;

function health(): FeedHealth {
  const streams: FeedHealth['streams'] = {};
  for (const s of STREAMS) {
    streams[s] = {
      state: overall,
      lastEventAt: emptyCity ? null : lastEventAt,
      lastReceivedAt: lastEventAt,
      lastSeq: 1,
      lagMs: 5,
      reconnects: 0,
      gap: s === 'units' && overall !== 'live',
      backfill: s === 'traffic' && overall === 'reconnecting' ? { done: 40, total: 120 } : null,
      offlineSince,
    };
  }
  return {
    overall,
    hubUrl: 'http://127.0.0.1:0',
    streams,
    rejected: { total: rejected, byReason: rejected ? { 'invalid envelope': rejected } : {} },
  };
}

function emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
  for (const l of listeners.get(name) ?? []) l(payload);
}

const answers: { [K in CommandName]?: (input: CommandInput<K>) => CommandOutput<K> } = {
  'wall.bootstrap': () => ({
    catalog: emptyCity ? [] : catalog,
    entities: emptyCity ? [] : fakeEntities(catalog, startedAt),
    health: health(),
  }),
  'feed.health': () => health(),
  'alarm.acknowledge': ({ alarmId }) => {
    // As the hub would: the acknowledgement comes back on the feed a moment later.
    setTimeout(() => {
      const now = Date.now();
      emit('feed.batch', {
        upserts: [
          {
            stream: 'security',
            seq: now,
            ts: now,
            type: 'alarm.acknowledged',
            id: alarmId,
            data: { by: { operator: 'harness', station: 'harness' }, at: now },
          },
        ],
        removals: [],
      });
    }, 100);
    return { commandId: crypto.randomUUID() };
  },
};

export const bridge: WatchfloorBridge = {
  async invoke(name, input) {
    const answer = answers[name] as ((i: typeof input) => CommandOutput<typeof name>) | undefined;
    if (!answer) throw new Error(`fake bridge: ${name} not faked`);
    return answer(input);
  },
  on(name, listener) {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  },
};

let tick = 0;
if (!emptyCity) {
  setInterval(() => {
    if (overall !== 'live') return;
    tick += 1;
    lastEventAt = Date.now();
    emit('feed.batch', { upserts: fakeTick(catalog, lastEventAt, tick), removals: [] });
  }, 500);
}
setInterval(() => emit('feed.health', health()), 1000);

declare global {
  interface Window {
    __fakeHub?: { setState(state: FeedState): void; reject(n: number): void; ticks(): number };
  }
}
window.__fakeHub = {
  setState(state) {
    overall = state;
    offlineSince = state === 'offline' ? Date.now() : null;
    emit('feed.health', health());
  },
  reject(n) {
    rejected += n;
    emit('feed.health', health());
  },
  ticks: () => tick,
};
