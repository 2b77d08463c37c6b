import { join } from 'node:path';
import { FeedCache } from './feedCache.ts';
import { CACHE_MIGRATIONS } from './migrations/cache/index.ts';
import { RECORDS_MIGRATIONS } from './migrations/records/index.ts';
import { DamagedDatabaseError, openDatabase, setAside, type OpenedDatabase } from './openDatabase.ts';
import { Outbox } from './outbox.ts';

export interface Store {
  cache: FeedCache;
  outbox: Outbox;
  /** Set when a damaged cache was moved aside at start (the cache is then rebuilt from the hub). */
  cacheSetAside: string | null;
  close(): void;
}

/**
 * Opens both files in the data dir. The two are apart on purpose: cache.db is rebuildable from the hub and
 * is set aside when damaged; records.db holds operator writes and is never set aside or reset — a damaged
 * or unmigratable records.db stops the start with a message naming it.
 */
export function openStore(dataDir: string, log: (line: string) => void = console.log): Store {
  const records = openDatabase({
    path: join(dataDir, 'records.db'),
    label: 'records',
    migrations: RECORDS_MIGRATIONS,
    // Operator writes must survive a power cut, not only a crash.
    synchronous: 'FULL',
    log,
  });
  let cacheSetAside: string | null = null;
  let cache: OpenedDatabase;
  const cachePath = join(dataDir, 'cache.db');
  const openCache = () =>
    // NORMAL in WAL mode survives a process crash; a power cut may lose the last ticks, which the hub replays.
    openDatabase({ path: cachePath, label: 'cache', migrations: CACHE_MIGRATIONS, synchronous: 'NORMAL', log });
  try {
    cache = openCache();
  } catch (error) {
    if (!(error instanceof DamagedDatabaseError)) {
      records.db.close();
      records.markClosed();
      throw error;
    }
    cacheSetAside = setAside(cachePath);
    log(`${error.message} It was moved to ${cacheSetAside}; the cache is rebuilt from the hub. Operator records are untouched.`);
    cache = openCache();
  }
  return {
    cache: new FeedCache(cache.db),
    outbox: new Outbox(records.db),
    cacheSetAside,
    close() {
      for (const opened of [cache, records]) {
        if (!opened.db.open) continue;
        opened.db.close();
        opened.markClosed();
      }
    },
  };
}
