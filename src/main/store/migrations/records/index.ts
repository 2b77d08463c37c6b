import type { Migration } from '../migration.ts';
import { migration001Outbox } from './001_outbox.ts';

/** records.db, in order. Append only. */
export const RECORDS_MIGRATIONS: readonly Migration[] = [migration001Outbox];
