// The cache writer thread (see cacheWriter.ts): one connection to cache.db, one transaction per tick plan.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { WorkerReply, WorkerRequest } from './cacheWriter.ts';
import { FeedCache } from './feedCache.ts';

const port = parentPort;
const { path } = workerData as { path: string };
if (!port) throw new Error('cacheWorker.ts runs as a worker thread only');

const db = new Database(path);
// Set on every connection: a second connection silently gets the default otherwise.
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const cache = new FeedCache(db);
port.postMessage('ready');

// Messages come only from our own main thread (WorkerCacheWriter), never from outside the process.
port.on('message', (message: WorkerRequest | 'close') => {
  if (message === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: WorkerReply;
  try {
    cache.applyPlan(message.plan);
    reply = { id: message.id, ok: true };
  } catch (error) {
    reply = { id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
