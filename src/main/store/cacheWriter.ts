import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FeedCache, StreamWrite, TickResult } from './feedCache.ts';
import type { TickPlan } from './tickPlan.ts';

/** Where a tick's commit runs. The feed client awaits it before it treats anything as persisted. */
export interface CacheWriter {
  writeTick(writes: readonly StreamWrite[]): Promise<TickResult>;
  close(): Promise<void>;
}

/** Commits on the calling thread (tests, and the fallback when a worker cannot start). */
export function inlineWriter(cache: FeedCache): CacheWriter {
  return {
    writeTick: (writes) => {
      try {
        return Promise.resolve(cache.writeTick(writes));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    close: () => Promise.resolve(),
  };
}

export type WorkerRequest = { id: number; plan: TickPlan };
export type WorkerReply = { id: number; ok: true } | { id: number; ok: false; error: string };

/**
 * The worker's file: `cacheWorker.ts` beside this module when Node runs the sources (browser mode, tests),
 * `cacheWorker.js` beside the bundle when electron-vite built it (a separate main entry).
 */
function workerFile(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  // The bundler may place this module in a chunk one folder below the entries.
  const candidates = [join(here, 'cacheWorker.ts'), join(here, 'cacheWorker.js'), join(here, '..', 'cacheWorker.js')];
  return candidates.find((f) => existsSync(f)) ?? null;
}

/**
 * Commits in a worker thread with its own connection to cache.db, so the SQLite work of a tick (the
 * largest part of the client's ingest cost, tests/bench/client.ts) leaves the main thread: the feed keeps
 * decoding and parsing while the previous tick commits, and the Electron main process stays responsive
 * during a fast backfill. The main thread plans the tick (reads and JSON work, `FeedCache.prepareTick`)
 * and sends only the plan's strings and numbers; copying envelopes across made the thread a net loss.
 */
export class WorkerCacheWriter implements CacheWriter {
  readonly #worker: Worker;
  readonly #cache: FeedCache;
  readonly #pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #failed: Error | null = null;

  private constructor(worker: Worker, cache: FeedCache) {
    this.#worker = worker;
    this.#cache = cache;
    worker.on('message', (reply: WorkerReply) => {
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve();
      else waiter.reject(new Error(reply.error));
    });
    const failAll = (error: Error) => {
      this.#failed = error;
      for (const waiter of this.#pending.values()) waiter.reject(error);
      this.#pending.clear();
    };
    worker.on('error', (error) => failAll(error));
    worker.on('exit', (code) => failAll(new Error(`cache writer exited (${code})`)));
  }

  /**
   * Starts the worker and waits until its connection is open; null when it cannot run here. `cache` is
   * the main thread's connection to the same file, which plans each tick.
   */
  static async start(path: string, cache: FeedCache, log: (line: string) => void): Promise<WorkerCacheWriter | null> {
    const file = workerFile();
    if (!file) return null;
    let worker: Worker;
    try {
      worker = new Worker(file, { workerData: { path } });
    } catch (error) {
      log(`cache: writer thread cannot start (${error instanceof Error ? error.message : String(error)}); committing on the main thread`);
      return null;
    }
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 15_000);
      let settled = false;
      const settle = (ok: boolean, why?: string) => {
        // The first of ready / error / exit decides; a later exit (at shutdown) is not a start failure.
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!ok) log(`cache: writer thread failed to start (${why ?? 'no answer'}); committing on the main thread`);
        resolve(ok);
      };
      worker.once('message', (m: unknown) => settle(m === 'ready', 'unexpected first message'));
      worker.once('error', (error) => settle(false, error.message));
      worker.once('exit', (code) => settle(false, `exited with ${code}`));
    });
    if (!ready) {
      await worker.terminate();
      return null;
    }
    return new WorkerCacheWriter(worker, cache);
  }

  /** The thread died (crash, out of memory): commits must go elsewhere. */
  get failed(): boolean {
    return this.#failed !== null;
  }

  /**
   * Plans on this thread from the positions committed so far — the feed client awaits each commit
   * before the next one, so no earlier plan is still in flight — and commits in the worker.
   */
  writeTick(writes: readonly StreamWrite[]): Promise<TickResult> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#nextId++;
    return new Promise<TickResult>((resolve, reject) => {
      try {
        const { plan, result } = this.#cache.prepareTick(writes);
        this.#pending.set(id, { resolve: () => resolve(result), reject });
        this.#worker.postMessage({ id, plan } satisfies WorkerRequest);
      } catch (error) {
        this.#pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  async close(): Promise<void> {
    if (this.#failed) return;
    this.#worker.postMessage('close');
    await new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
  }
}

/**
 * The worker while it lives, the main thread after it died: a tick lost with the worker is refetched by
 * the feed client (a failed commit resyncs from the persisted seqs), the next ones commit inline.
 */
export function withFallback(worker: WorkerCacheWriter, fallback: CacheWriter, log: (line: string) => void): CacheWriter {
  let warned = false;
  return {
    writeTick(writes) {
      if (!worker.failed) return worker.writeTick(writes);
      if (!warned) log('cache: writer thread is gone; committing on the main thread');
      warned = true;
      return fallback.writeTick(writes);
    },
    close: () => worker.close(),
  };
}
