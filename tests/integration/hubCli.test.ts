import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FEED_EVENTS } from '../../src/shared/protocol/messages.ts';
import { FeedClient, startHub, tempDir } from '../unit/hub/harness.ts';

const CLI = join(import.meta.dirname, '../../src/hub/cli.ts');
const children: ChildProcessWithoutNullStreams[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function run(args: string[]): ChildProcessWithoutNullStreams {
  // process.execPath: the project's Node 22 that runs this test.
  const child = spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
  children.push(child);
  return child;
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${err}`)));
  });
}

function exit(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.once('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('hub CLI', () => {
  it('refuses bad arguments with one clear line and exit code 2', async () => {
    const result = await exit(run(['--port', 'seven']));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('hub: --port: --port must be a number\n');
    expect(result.stdout).toBe('');
  });

  it('says in one line that the port is taken, and exits 1', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const hub = await startHub({ dir: tmp.dir });
    try {
      const result = await exit(run(['--port', String(hub.port), '--rate', '0', '--db', join(tmp.dir, 'other.db')]));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^hub: cannot start: listen EADDRINUSE[^\n]*\n$/);
      expect(result.stdout).toBe('');
    } finally {
      await hub.close();
    }
  });

  it('prints one listening line with the real port, streams the demo city, and stops on SIGTERM', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const child = run(['--port', '0', '--seed', '1', '--rate', '400', '--db', join(tmp.dir, 'nested', 'hub.db')]);
    const line = await firstLine(child);
    expect(line).toMatch(/^hub listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.replace('hub listening on ', '');
    expect(url.endsWith(':0')).toBe(false);
    const client = await FeedClient.connect(url);
    await client.subscribe({ streams: ['traffic'] });
    await client.waitFor(() => client.lastSeq('traffic') > 0, 'simulated traffic');
    const catalog = await client.request(FEED_EVENTS.catalog, { kind: 'segment', limit: 5 });
    expect(catalog).toMatchObject({ ok: true, kind: 'segment' });
    expect(client.violations).toEqual([]);
    client.close();
    const ended = exit(child);
    child.kill('SIGTERM');
    expect((await ended).code).toBe(0);
    expect(existsSync(join(tmp.dir, 'nested', 'hub.db'))).toBe(true);
  });
});
