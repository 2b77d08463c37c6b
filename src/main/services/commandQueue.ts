import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/protocol/eventData.ts';
import { COMMAND_PAYLOADS, type CommandType } from '../../shared/protocol/messages.ts';
import type { Outbox } from '../store/outbox.ts';

/** The entity a command is about (alarm, report or incident id), for showing it pending on the wall. */
export function commandTarget(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return '';
  const p = payload as Record<string, unknown>;
  const id = p.alarmId ?? p.reportId ?? p.incidentId;
  return typeof id === 'string' ? id : '';
}

/**
 * Operator writes enter here: validated against the hub's command schema, given a client-made UUID and
 * the actor, and written to the outbox before anything is sent, so a crash or an offline hub loses nothing.
 */
export class CommandQueue {
  readonly #outbox: Outbox;
  readonly #actor: Actor;
  readonly #now: () => number;
  readonly #queued: () => void;

  constructor(o: { outbox: Outbox; actor: Actor; now?: () => number; onQueued: () => void }) {
    this.#outbox = o.outbox;
    this.#actor = o.actor;
    this.#now = o.now ?? Date.now;
    this.#queued = o.onQueued;
  }

  queue(type: CommandType, payload: unknown): { commandId: string } {
    const parsed = COMMAND_PAYLOADS[type].safeParse(payload);
    if (!parsed.success) throw new Error(`invalid ${type} payload`);
    const commandId = randomUUID();
    this.#outbox.add({ commandId, type, payload: parsed.data, actor: this.#actor, createdAt: this.#now() });
    this.#queued();
    return { commandId };
  }
}
