import { parseDraft, streamOf, type Envelope, type EventDraft } from '../shared/protocol/envelope.ts';
import type { Actor } from '../shared/protocol/eventData.ts';
import {
  COMMAND_PAYLOADS,
  commandRequestSchema,
  ERROR_CODES,
  type CommandAck,
  type CommandType,
} from '../shared/protocol/messages.ts';
import type { z } from 'zod';
import type { CommandRecord, EventLog } from './log/eventLog.ts';

/** Source label of events made by operator commands. */
export const COMMAND_SOURCE = 'operator';

export interface CommandDeps {
  log: EventLog;
  /** Appends (with the command's answer in the same transaction) and broadcasts. */
  publish(drafts: readonly EventDraft[], command?: CommandRecord): Envelope[];
  now(): number;
}

type Outcome = { ok: true; draft: EventDraft } | { ok: false; code: string; message: string };
type Handler<T extends CommandType> = (payload: z.infer<(typeof COMMAND_PAYLOADS)[T]>, actor: Actor, deps: CommandDeps) => Outcome;

function fail(code: string, message: string): Outcome {
  return { ok: false, code, message };
}

const HANDLERS: { [T in CommandType]: Handler<T> } = {
  'alarm.acknowledge': ({ alarmId, note }, actor, { log, now }) => {
    const state = log.latestOf('security', alarmId);
    if (!state.some((e) => e.type === 'alarm.raised')) return fail(ERROR_CODES.notFound, `alarm ${alarmId} is not active`);
    if (state.some((e) => e.type === 'alarm.acknowledged')) {
      return fail(ERROR_CODES.conflict, `alarm ${alarmId} is already acknowledged`);
    }
    const data = note === undefined ? { by: actor, at: now() } : { by: actor, at: now(), note };
    return { ok: true, draft: { type: 'alarm.acknowledged', id: alarmId, data, source: COMMAND_SOURCE } };
  },
  'report.update': ({ reportId, status }, _actor, { log, now }) => {
    const current = newest(log.latestOf('reports', reportId), ['report.created', 'report.updated']);
    if (!current) return fail(ERROR_CODES.notFound, `report ${reportId} does not exist`);
    const data = { ...current.data, status, updatedAt: now() };
    return { ok: true, draft: { type: 'report.updated', id: reportId, data, source: COMMAND_SOURCE } };
  },
  'note.add': ({ incidentId, text }, actor, { log, now }) => {
    const current = newest(log.latestOf('incidents', incidentId), ['incident.updated']);
    if (!current) return fail(ERROR_CODES.notFound, `incident ${incidentId} does not exist`);
    const at = now();
    const notes = [...(current.data.notes ?? []), { at, by: actor, text }];
    if (notes.length > 1000) return fail(ERROR_CODES.conflict, `incident ${incidentId} already has 1000 notes`);
    const data = { ...current.data, notes, updatedAt: at };
    return { ok: true, draft: { type: 'incident.updated', id: incidentId, data, source: COMMAND_SOURCE } };
  },
};

function newest<T extends Envelope['type']>(state: Envelope[], types: readonly T[]): Extract<Envelope, { type: T }> | undefined {
  let found: Extract<Envelope, { type: T }> | undefined;
  for (const e of state) {
    if ((types as readonly string[]).includes(e.type) && (!found || e.seq > found.seq)) found = e as Extract<Envelope, { type: T }>;
  }
  return found;
}

function errorAck(code: string, message: string): CommandAck {
  return { ok: false, error: { code, message: message.slice(0, 2000) } };
}

/**
 * Applies a `command` at most once per `commandId`: a repeat gets the stored first answer (success or
 * rejection) and makes no event. The answer is stored in the transaction that appends the event.
 */
export function handleCommand(raw: unknown, deps: CommandDeps): CommandAck {
  const request = commandRequestSchema.safeParse(raw);
  if (!request.success) {
    const issue = request.error.issues[0];
    return errorAck(ERROR_CODES.invalid, `invalid command: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'bad shape'}`);
  }
  const { commandId, type, payload, actor } = request.data;
  const previous = deps.log.commandAnswer(commandId);
  if (previous !== undefined) return previous as CommandAck;

  const remember = (answer: CommandAck): CommandAck => {
    deps.log.recordCommand({ commandId, answer });
    return answer;
  };
  const parsedPayload = COMMAND_PAYLOADS[type].safeParse(payload);
  if (!parsedPayload.success) {
    const issue = parsedPayload.error.issues[0];
    return remember(errorAck(ERROR_CODES.invalid, `invalid ${type} payload: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'bad shape'}`));
  }
  const outcome = (HANDLERS[type] as Handler<CommandType>)(parsedPayload.data, actor, deps);
  if (!outcome.ok) return remember(errorAck(outcome.code, outcome.message));

  // The event a handler builds is checked like any source's: a bad one is a hub bug, not a client error.
  const checked = parseDraft(outcome.draft);
  if (!checked.ok) return errorAck(ERROR_CODES.internal, `command produced an invalid event: ${checked.reason}`);
  const stream = streamOf(checked.value.type);
  const seq = deps.log.range(stream).lastSeq + 1;
  const answer: CommandAck = { ok: true, result: { stream, seq, type: checked.value.type, id: checked.value.id } };
  deps.publish([checked.value], { commandId, answer });
  return answer;
}
