import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/hub/cliArgs.ts';

describe('hub CLI arguments', () => {
  it('has the documented defaults', () => {
    const parsed = parseCliArgs([]);
    expect(parsed).toMatchObject({ ok: true, options: { port: 7420, host: '127.0.0.1', seed: 1, db: '.data/hub.db', rate: 200, speed: 1 }, adapterOptions: {} });
    expect(parsed.ok && parsed.options.entities).toBeUndefined();
  });

  it('parses every flag and passes adapter flags through', () => {
    const parsed = parseCliArgs([
      '--port', '0', '--seed', '7', '--db', '/tmp/x.db', '--rate', '0', '--entities', '100000', '--speed', '60',
      '--host', '0.0.0.0', '--open311', 'http://127.0.0.1:9000/open311/v2', '--open311-every', '30',
      '--open311-sla', 'pothole=48,streetlight=24', '--open311-sla-hours', '72',
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: expect.objectContaining({ port: 0, seed: 7, db: '/tmp/x.db', rate: 0, entities: 100_000, speed: 60, host: '0.0.0.0' }),
      adapterOptions: {
        open311: 'http://127.0.0.1:9000/open311/v2',
        'open311-every': '30',
        'open311-sla': 'pothole=48,streetlight=24',
        'open311-sla-hours': '72',
      },
    });
  });

  it('explains a bad argument in one line', () => {
    const cases: [string[], RegExp][] = [
      [['--port', 'abc'], /^--port: --port must be a number$/],
      [['--port', '70000'], /^--port: /],
      [['--rate=-5'], /^--rate: /],
      [['--rate', '-5'], /--rate/],
      [['--speed', '0'], /^--speed: /],
      [['--open311', 'not a url'], /^--open311: /],
      [['--open311-sla', 'pothole'], /^--open311-sla: .*CODE=HOURS/],
      [['--bogus', '1'], /bogus/],
      [['--port'], /port/],
      [['stray'], /stray|positional/i],
    ];
    for (const [argv, message] of cases) {
      const parsed = parseCliArgs(argv);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.message).toMatch(message);
        expect(parsed.message).not.toContain('\n');
      }
    }
  });
});
