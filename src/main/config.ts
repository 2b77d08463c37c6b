import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface AppConfig {
  /** null: start the built-in hub with the demo city. */
  hubUrl: string | null;
  /** The station's token for the hub handshake (WATCHFLOOR_HUB_TOKEN; a flag would show in `ps`). */
  hubToken: string | undefined;
  /** Browser mode's port (0 picks a free one). */
  port: number;
  dataDir: string;
  /** Events/s of the built-in demo hub. */
  rate: number | undefined;
  operator: string | undefined;
  station: string | undefined;
}

const hubUrlSchema = z
  .url({ protocol: /^https?$/, error: 'the hub URL must be http:// or https://' })
  .transform((u) => u.replace(/\/+$/, ''));
const portSchema = z.coerce.number().int().min(0).max(65535);
const rateSchema = z.coerce.number().min(0).max(1_000_000);
const nameSchema = z.string().trim().min(1).max(200);

/**
 * Flags win over the environment: `--hub URL` / WATCHFLOOR_HUB_URL, `--port P`, `--data-dir DIR` /
 * WATCHFLOOR_DATA_DIR, `--rate N` (built-in hub), `--operator`, `--station`. `strict: false` lets the
 * Electron shell pass Chromium's own switches through.
 */
export function parseConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  defaults: { dataDir: string; port: number; strict?: boolean },
): AppConfig {
  const { values } = parseArgs({
    args: [...argv],
    strict: defaults.strict ?? true,
    allowPositionals: !(defaults.strict ?? true),
    options: {
      hub: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      rate: { type: 'string' },
      operator: { type: 'string' },
      station: { type: 'string' },
    },
  });
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const hub = str(values.hub) ?? str(env.WATCHFLOOR_HUB_URL);
  const rate = str(values.rate);
  const operator = str(values.operator) ?? str(env.WATCHFLOOR_OPERATOR);
  const station = str(values.station) ?? str(env.WATCHFLOOR_STATION);
  const port = str(values.port);
  return {
    hubUrl: hub === undefined ? null : hubUrlSchema.parse(hub),
    hubToken: str(env.WATCHFLOOR_HUB_TOKEN),
    port: port === undefined ? defaults.port : portSchema.parse(port),
    dataDir: str(values['data-dir']) ?? str(env.WATCHFLOOR_DATA_DIR) ?? defaults.dataDir,
    rate: rate === undefined ? undefined : rateSchema.parse(rate),
    operator: operator === undefined ? undefined : nameSchema.parse(operator),
    station: station === undefined ? undefined : nameSchema.parse(station),
  };
}
