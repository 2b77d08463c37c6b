import type { Migration } from '../migration.ts';
import { migration001FeedCache } from './001_feed_cache.ts';
import { migration002EventChunks } from './002_event_chunks.ts';

/** cache.db, in order. Append only. */
export const CACHE_MIGRATIONS: readonly Migration[] = [migration001FeedCache, migration002EventChunks];
