import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLIENT = fileURLToPath(new URL('./writesClient.ts', import.meta.url));

/** A writesClient process, with its stdout lines readable by waiting on a predicate (never a sleep). */
export class WritesChild {
  readonly process: ChildProcess;
  readonly lines: string[] = [];
  #exited = false;
  readonly exited: Promise<void>;

  constructor(o: { dataDir: string; hubUrl: string; ack: readonly string[] }) {
    this.process = spawn(
      process.execPath,
      [CLIENT, '--data-dir', o.dataDir, '--hub', o.hubUrl, '--ack', o.ack.join(',')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let partial = '';
    this.process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      partial += chunk;
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
    });
    // Drained so a chatty child never blocks on a full pipe.
    this.process.stderr?.on('data', () => {});
    this.exited = new Promise((resolve) => this.process.once('exit', () => resolve()));
    void this.exited.then(() => (this.#exited = true));
  }

  /** Lines `queued <alarmId> <commandId>` as [alarmId, commandId]. */
  queued(): [string, string][] {
    return this.lines
      .filter((l) => l.startsWith('queued '))
      .map((l) => l.split(' ').slice(1, 3) as [string, string]);
  }

  async waitFor(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      if (this.#exited) throw new Error(`writes client exited while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Unclean death: no close, no checkpoint, whatever was in flight is cut. */
  async kill(): Promise<void> {
    if (!this.#exited) this.process.kill('SIGKILL');
    await this.exited;
  }
}
