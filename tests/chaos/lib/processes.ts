// Child processes for fault tests: the hub CLI and browser mode (web.ts), started with `node` directly
// (never through npm, which would leave the child holding its port and database when killed), waited on
// by their printed lines, never by time.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface Child {
  readonly proc: ChildProcess;
  /** Every stdout / stderr line so far. */
  readonly out: string[];
  readonly err: string[];
  /** Resolves with the first match of `pattern` on stdout (lines already printed count). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  onLine(listener: (line: string, from: 'out' | 'err') => void): void;
  kill(signal: NodeJS.Signals): Promise<void>;
  readonly exited: boolean;
}

function lines(stream: NodeJS.ReadableStream, sink: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    rest += chunk;
    let i = rest.indexOf('\n');
    while (i >= 0) {
      sink(rest.slice(0, i));
      rest = rest.slice(i + 1);
      i = rest.indexOf('\n');
    }
  });
}

export function startChild(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Child {
  const proc = spawn(process.execPath, [join(root, script), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  const err: string[] = [];
  const listeners = new Set<(line: string, from: 'out' | 'err') => void>();
  let exited = false;
  // 'close', not 'exit': every line the child printed before it died has been read by then.
  const exit = new Promise<void>((done) => proc.once('close', () => ((exited = true), done())));
  if (proc.stdout) lines(proc.stdout, (l) => (out.push(l), listeners.forEach((f) => f(l, 'out'))));
  if (proc.stderr) lines(proc.stderr, (l) => (err.push(l), listeners.forEach((f) => f(l, 'err'))));
  return {
    proc,
    out,
    err,
    get exited() {
      return exited;
    },
    onLine(listener) {
      listeners.add(listener);
    },
    waitForLine(pattern, timeoutMs = 30_000) {
      for (const l of out) {
        const m = l.match(pattern);
        if (m) return Promise.resolve(m);
      }
      return new Promise((ok, fail) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(
            new Error(
              `${script}: no line matching ${pattern} within ${timeoutMs} ms; stderr tail: ${err.slice(-5).join(' | ')}`,
            ),
          );
        }, timeoutMs);
        const check = (l: string, from: 'out' | 'err') => {
          const m = from === 'out' ? l.match(pattern) : null;
          if (!m) return;
          clearTimeout(timer);
          listeners.delete(check);
          ok(m);
        };
        listeners.add(check);
        void exit.then(() => {
          if (!listeners.has(check)) return;
          clearTimeout(timer);
          listeners.delete(check);
          fail(
            new Error(
              `${script} exited (${proc.exitCode ?? proc.signalCode}) before printing ${pattern}; stderr tail: ${err.slice(-5).join(' | ')}`,
            ),
          );
        });
      });
    },
    async kill(signal) {
      if (exited) return;
      proc.kill(signal);
      await exit;
    },
  };
}

export interface HubChild extends Child {
  readonly url: string;
  readonly port: number;
}

/** The hub CLI on 127.0.0.1 (`port` 0 picks one; pass the old port to restart in place). */
export async function startHubChild(o: {
  db: string;
  port: number;
  rate: number;
  seed?: number;
}): Promise<HubChild> {
  const child = startChild('src/hub/cli.ts', [
    '--port',
    String(o.port),
    '--db',
    o.db,
    '--rate',
    String(o.rate),
    '--seed',
    String(o.seed ?? 1),
  ]);
  const m = await child.waitForLine(/hub listening on (http:\/\/127\.0\.0\.1:(\d+))/);
  return Object.assign(child, { url: m[1] ?? '', port: Number(m[2]) });
}

/** Browser mode following `hubUrl`, reporting each commit on stdout (`persisted <stream> <seq>`). */
export async function startWebChild(o: { hubUrl: string; dataDir: string }): Promise<Child> {
  const child = startChild('src/main/web.ts', ['--hub', o.hubUrl, '--port', '0', '--data-dir', o.dataDir], {
    WATCHFLOOR_REPORT_PERSISTED: '1',
  });
  await child.waitForLine(/web listening on http:\/\/127\.0\.0\.1:\d+\//);
  return child;
}
