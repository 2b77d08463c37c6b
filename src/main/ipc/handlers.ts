import type { z } from 'zod';
import { commands, type CommandName, type CommandOutput, type EventName, type EventPayload } from '../../shared/ipc/contract.ts';
import type { InvokeResult } from '../../shared/ipc/wire.ts';
import { guardUntrusted } from '../../shared/protocol/guard.ts';

type ParsedInput<K extends CommandName> = z.output<(typeof commands)[K]['input']>;

/** One handler per contract command; a missing or misspelt one is a type error. */
export type Handlers = {
  [K in CommandName]: (input: ParsedInput<K>) => Promise<CommandOutput<K>> | CommandOutput<K>;
};

/** Where main's events go: every window, whatever the transport. */
export type EventSink = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

/**
 * The one entry for every invoke from any window: the name must be a contract command and the input is
 * parsed with the contract's schema before a handler sees it. Never throws: failures come back as a
 * coded error the renderer can show.
 */
export async function dispatch(handlers: Handlers, name: unknown, input: unknown): Promise<InvokeResult> {
  if (!isCommandName(name)) return { ok: false, error: { code: 'unknown_command', message: `unknown command ${String(name).slice(0, 80)}` } };
  return run(handlers, name, input);
}

async function run<K extends CommandName>(handlers: Handlers, name: K, input: unknown): Promise<InvokeResult> {
  // Depth, size and prototype keys first: a window's input is as untrusted as the network's.
  const unsafe = guardUntrusted(input);
  if (unsafe) return { ok: false, error: { code: 'invalid_input', message: `${name}: ${unsafe}` } };
  const parsed = commands[name].input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'input';
    return { ok: false, error: { code: 'invalid_input', message: `${name}: ${where}: ${issue?.message ?? 'invalid'}` } };
  }
  try {
    const handler = handlers[name] as (input: ParsedInput<K>) => Promise<CommandOutput<K>> | CommandOutput<K>;
    const output = await handler(parsed.data as ParsedInput<K>);
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: { code: 'failed', message: `${name}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000) } };
  }
}
