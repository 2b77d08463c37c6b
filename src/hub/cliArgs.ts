import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Adapter options the CLI passes through to `installAdapters` (AdapterContext.options). */
export const ADAPTER_FLAGS = ['open311', 'open311-every', 'open311-sla-hours', 'open311-sla', 'cap-feed', 'cap-feed-every'] as const;

const number = (what: string) =>
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, `${what} must be a number`)
    .transform(Number);

const cliSchema = z.object({
  port: number('--port').pipe(z.number().int().min(0).max(65_535)).default(7420),
  host: z.string().min(1).max(255).default('127.0.0.1'),
  seed: number('--seed').pipe(z.number().int().min(0).max(2 ** 31)).default(1),
  db: z.string().min(1).default('.data/hub.db'),
  rate: number('--rate').pipe(z.number().min(0).max(1_000_000)).default(200),
  entities: number('--entities').pipe(z.number().int().min(1).max(2_000_000)).optional(),
  speed: number('--speed').pipe(z.number().positive().max(100_000)).default(1),
  'retain-hours': number('--retain-hours').pipe(z.number().positive()).optional(),
  'retain-events': number('--retain-events').pipe(z.number().int().min(1)).optional(),
  open311: z.url('--open311 must be a URL').optional(),
  'open311-every': number('--open311-every').pipe(z.number().positive()).optional(),
  'open311-sla-hours': number('--open311-sla-hours').pipe(z.number().positive()).optional(),
  /** Per-service SLA hours: `CODE=HOURS,CODE=HOURS`. */
  'open311-sla': z
    .string()
    .regex(/^[^=,]+=\d+(\.\d+)?(,[^=,]+=\d+(\.\d+)?)*$/, '--open311-sla must look like CODE=HOURS,CODE=HOURS')
    .optional(),
  'cap-feed': z.url('--cap-feed must be a URL').optional(),
  'cap-feed-every': number('--cap-feed-every').pipe(z.number().positive()).optional(),
});

export type CliOptions = z.infer<typeof cliSchema>;

export type CliParse = { ok: true; options: CliOptions; adapterOptions: Record<string, string | undefined> } | { ok: false; message: string };

/** Parses `npm run hub -- …` arguments; errors are one line, fit for the terminal. */
export function parseCliArgs(argv: readonly string[]): CliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    const keys = Object.keys(cliSchema.shape);
    values = parseArgs({
      args: [...argv],
      options: Object.fromEntries(keys.map((k) => [k, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message.split('\n')[0] ?? 'bad arguments' : 'bad arguments' };
  }
  const parsed = cliSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = issue?.path[0] === undefined ? '' : `--${String(issue.path[0])}: `;
    return { ok: false, message: `${flag}${issue?.message ?? 'bad arguments'}` };
  }
  const adapterOptions: Record<string, string | undefined> = {};
  for (const flag of ADAPTER_FLAGS) {
    const raw = values[flag];
    if (typeof raw === 'string') adapterOptions[flag] = raw;
  }
  return { ok: true, options: parsed.data, adapterOptions };
}
