import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, type Page } from '@playwright/test';
import { LAYER_IDS, type LayerId } from '../../src/renderer/state/records.ts';

/**
 * Real processes for the wall's end-to-end specs: a hub (`src/hub/cli.ts`) and the browser-mode web
 * server (`src/main/web.ts`), each spawned with `node` directly in its own process group and awaited on
 * the one line it prints when listening — no sleeps. `stop()` kills the whole group, so nothing keeps
 * the port or the database after a test.
 */
export interface Proc {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 90_000;

function startNode(name: string, args: string[], ready: RegExp): Promise<Proc> {
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 50) stderr.shift();
    if (process.env.E2E_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-(child.pid ?? 0), 'SIGTERM');
    } catch {
      return;
    }
    const killed = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
    ]);
    if (!killed) {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
  };
  return new Promise<Proc>((resolve, reject) => {
    // A guard, not a wait: fails the test with the process's own output if it never says it listens.
    const guard = setTimeout(() => {
      void stop();
      reject(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s:\n${stderr.join('')}`));
    }, START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (process.env.E2E_VERBOSE) console.log(`[${name}] ${line}`);
      const m = ready.exec(line);
      if (!m?.[1]) return;
      clearTimeout(guard);
      const url = m[1];
      resolve({ url, port: Number(new URL(url).port), child, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(guard);
      reject(new Error(`${name} exited (${code ?? signal}) before listening:\n${stderr.join('')}`));
    });
  });
}

export interface HubOptions {
  db: string;
  port?: number;
  rate?: number;
  speed?: number;
}

export function startHub(o: HubOptions): Promise<Proc> {
  const args = [
    'src/hub/cli.ts',
    '--port',
    String(o.port ?? 0),
    '--db',
    o.db,
    '--rate',
    String(o.rate ?? 100),
  ];
  if (o.speed !== undefined) args.push('--speed', String(o.speed));
  return startNode('hub', args, /hub listening on (http:\/\/\S+?)\/?$/);
}

export function startWeb(o: { hubUrl: string; dataDir: string; port?: number }): Promise<Proc> {
  return startNode(
    'web',
    ['src/main/web.ts', '--hub', o.hubUrl, '--port', String(o.port ?? 0), '--data-dir', o.dataDir],
    /web listening on (http:\/\/\S+)/,
  );
}

/** A fresh temporary directory, removed afterwards. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `wf-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const LAYERS = LAYER_IDS;
export type WallLayer = LayerId;

/** The wall as tests see it: only the documented hooks (data-app-state, layer counts, feed status). */
export class WallPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForSelector('html[data-app-state="ready"]', { timeout: 90_000 });
  }

  async count(layer: WallLayer): Promise<number> {
    const raw = await this.page.getByTestId(`layer-count-${layer}`).getAttribute('data-count');
    return Number(raw);
  }

  async counts(): Promise<Record<WallLayer, number>> {
    const out = {} as Record<WallLayer, number>;
    for (const l of LAYERS) out[l] = await this.count(l);
    return out;
  }

  async feedState(): Promise<string | null> {
    return this.page.getByTestId('feed-status').getAttribute('data-state');
  }

  frames(): Promise<number> {
    return this.page.evaluate(() => window.__wfFrames ?? 0);
  }

  /** Resolves once `n` more frames were drawn: the way to wait for the wall to catch up. */
  async nextFrames(n = 2): Promise<void> {
    const start = await this.frames();
    await this.page.waitForFunction(([s, k]) => (window.__wfFrames ?? 0) >= s + k, [start, n] as const, {
      timeout: 60_000,
    });
  }

  /**
   * Counts screenshot pixels near each given colour, decoded in the page itself (screenshot → base64 →
   * <img> → canvas → getImageData), so the test needs no image library.
   */
  async colourCounts(
    png: Buffer,
    colours: Record<string, readonly number[]>,
    tolerance = 40,
  ): Promise<Record<string, number>> {
    return this.page.evaluate(
      async ({ b64, colours, tolerance }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, img.width, img.height).data;
        const out: Record<string, number> = {};
        const entries = Object.entries(colours);
        for (const [k] of entries) out[k] = 0;
        for (let i = 0; i < data.length; i += 4) {
          for (const [k, c] of entries) {
            if (
              Math.abs((data[i] ?? 0) - (c[0] ?? 0)) <= tolerance &&
              Math.abs((data[i + 1] ?? 0) - (c[1] ?? 0)) <= tolerance &&
              Math.abs((data[i + 2] ?? 0) - (c[2] ?? 0)) <= tolerance
            ) {
              out[k] = (out[k] ?? 0) + 1;
              break;
            }
          }
        }
        return out;
      },
      { b64: png.toString('base64'), colours, tolerance },
    );
  }
}

/** Where a colour is on a screenshot: the centre of the pixels near it around the first hit (or null). */
export async function findColour(
  page: Page,
  png: Buffer,
  colour: readonly number[],
  tolerance = 6,
): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    async ({ b64, colour, tolerance }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) return null;
      ctx.drawImage(img, 0, 0);
      const { data, width } = ctx.getImageData(0, 0, img.width, img.height);
      const near = (i: number): boolean =>
        Math.abs((data[i] ?? 0) - (colour[0] ?? 0)) <= tolerance &&
        Math.abs((data[i + 1] ?? 0) - (colour[1] ?? 0)) <= tolerance &&
        Math.abs((data[i + 2] ?? 0) - (colour[2] ?? 0)) <= tolerance;
      let first = -1;
      for (let i = 0; i < data.length; i += 4) {
        if (near(i)) {
          first = i / 4;
          break;
        }
      }
      if (first < 0) return null;
      const fx = first % width;
      const fy = Math.floor(first / width);
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (let y = fy; y < Math.min(img.height, fy + 24); y++) {
        for (let x = Math.max(0, fx - 24); x < Math.min(width, fx + 24); x++) {
          if (near((y * width + x) * 4)) {
            sx += x;
            sy += y;
            n++;
          }
        }
      }
      return { x: Math.round(sx / n), y: Math.round(sy / n) };
    },
    { b64: png.toString('base64'), colour, tolerance },
  );
}

export const test = base.extend<{ wall: WallPage }>({
  wall: async ({ page }, use) => {
    page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    await use(new WallPage(page));
  },
});
export { expect } from '@playwright/test';
