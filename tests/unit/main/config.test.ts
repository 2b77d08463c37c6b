import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/main/config.ts';

const defaults = { dataDir: '/data', port: 7421 };

describe('parseConfig', () => {
  it('uses the built-in hub and the defaults when nothing is given', () => {
    expect(parseConfig([], {}, defaults)).toEqual({
      hubUrl: null,
      hubToken: undefined,
      port: 7421,
      dataDir: '/data',
      rate: undefined,
      operator: undefined,
      station: undefined,
    });
  });

  it('prefers flags over the environment', () => {
    const env = { WATCHFLOOR_HUB_URL: 'http://10.0.0.1:7420', WATCHFLOOR_DATA_DIR: '/env', WATCHFLOOR_HUB_TOKEN: 't0k' };
    expect(parseConfig([], env, defaults)).toMatchObject({ hubUrl: 'http://10.0.0.1:7420', dataDir: '/env', hubToken: 't0k' });
    expect(parseConfig(['--hub', 'http://127.0.0.1:9/', '--port', '0', '--data-dir', '/flag', '--station', 'IOC-1'], env, defaults)).toMatchObject({
      hubUrl: 'http://127.0.0.1:9',
      port: 0,
      dataDir: '/flag',
      station: 'IOC-1',
    });
  });

  it('refuses what it cannot use, with a message', () => {
    expect(() => parseConfig(['--hub', 'ftp://x'], {}, defaults)).toThrow(/http/);
    expect(() => parseConfig(['--port', '70000'], {}, defaults)).toThrow();
    expect(() => parseConfig(['--nope'], {}, defaults)).toThrow(/Unknown option/);
  });

  it("lets the Electron shell pass Chromium's own switches through", () => {
    expect(parseConfig(['--enable-logging', '--hub', 'http://h:1'], {}, { ...defaults, strict: false }).hubUrl).toBe('http://h:1');
  });
});
