import { commandAckSchema, ERROR_CODES, type CommandRequest } from '../../shared/protocol/messages.ts';
import type { Outbox } from '../store/outbox.ts';

export interface CommandChannel {
  readonly connected: boolean;
  sendCommand(request: CommandRequest): Promise<unknown>;
  reject(reason: string): void;
}

/** Answers that will not change on retry: the write is settled as rejected, with the hub's reason. */
const DEFINITIVE = new Set<string>([ERROR_CODES.invalid, ERROR_CODES.notFound, ERROR_CODES.conflict, ERROR_CODES.forbidden]);

/**
 * Drains the outbox to the hub, oldest first, one command at a time (the hub sees them in the order
 * they were made). An entry leaves the outbox only on the hub's answer; a timeout or a transient error
 * keeps it for the next try. The hub dedups by commandId, so a retry after a lost answer is harmless.
 */
export class OutboxSender {
  readonly #outbox: Outbox;
  readonly #channel: CommandChannel;
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  readonly #onChanged: () => void;
  readonly #retry: NodeJS.Timeout;
  #running = false;
  #again = false;

  constructor(o: {
    outbox: Outbox;
    channel: CommandChannel;
    now?: () => number;
    log?: (line: string) => void;
    onChanged?: () => void;
    retryMs?: number;
  }) {
    this.#outbox = o.outbox;
    this.#channel = o.channel;
    this.#now = o.now ?? Date.now;
    this.#log = o.log ?? (() => {});
    this.#onChanged = o.onChanged ?? (() => {});
    this.#retry = setInterval(() => this.kick(), o.retryMs ?? 5000);
    this.#retry.unref();
  }

  /** Sends what is pending when connected; safe to call often (single flight). */
  kick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (!this.#channel.connected || this.#outbox.pendingCount() === 0) return;
    this.#running = true;
    void this.#drain().finally(() => {
      this.#running = false;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  async #drain(): Promise<void> {
    for (const entry of this.#outbox.pending()) {
      if (!this.#channel.connected) return;
      const request: CommandRequest = { commandId: entry.commandId, type: entry.type, payload: entry.payload, actor: entry.actor };
      let raw: unknown;
      try {
        raw = await this.#channel.sendCommand(request);
      } catch (error) {
        this.#outbox.recordAttempt(entry.commandId, this.#now(), error instanceof Error ? error.message : String(error));
        return;
      }
      const ack = commandAckSchema.safeParse(raw);
      if (!ack.success) {
        this.#channel.reject('invalid command ack');
        this.#outbox.recordAttempt(entry.commandId, this.#now(), 'invalid answer from the hub');
        return;
      }
      if (ack.data.ok) {
        this.#outbox.settle(entry.commandId, { ok: true, result: ack.data.result }, this.#now());
      } else if (DEFINITIVE.has(ack.data.error.code)) {
        this.#outbox.settle(entry.commandId, { ok: false, error: ack.data.error }, this.#now());
        this.#log(`outbox: hub rejected ${entry.type} ${entry.commandId}: ${ack.data.error.code} ${ack.data.error.message}`);
      } else {
        this.#outbox.recordAttempt(entry.commandId, this.#now(), `${ack.data.error.code}: ${ack.data.error.message}`);
        return;
      }
      this.#onChanged();
    }
  }

  close(): void {
    clearInterval(this.#retry);
  }
}
