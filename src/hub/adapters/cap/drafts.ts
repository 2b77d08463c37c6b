import type { EventDraft } from '../../../shared/protocol/envelope.ts';
import { cleanText, shortHash } from '../util.ts';
import type { CapMessage } from './parseCap.ts';

/**
 * CAP messages → feed events on the `alerts` stream.
 *
 * Identity: a CAP alert is named by (sender, identifier), so its entity id is `alert:<hash of both>`;
 * the same message sent twice lands on the same id with the same data and the sink drops the repeat.
 *
 * Update and Cancel (chosen: one entity per CAP message, not one id chain): an Update is a new message
 * with its own identifier, so it becomes a new `alert.issued` and every earlier alert it references
 * that the hub knows gets `alert.removed` ("updated by …"). A Cancel removes the referenced alerts and
 * adds nothing. This keeps each entity equal to exactly one CAP message, which is what an operator
 * looks up, and a client that missed the Update still ends with the right set of areas.
 */

export function capAlertId(sender: string, identifier: string): string {
  return `alert:${shortHash(sender.trim(), identifier.trim())}`;
}

export function capDrafts(message: CapMessage): EventDraft[] {
  const verb = message.msgType === 'Cancel' ? 'cancelled' : 'updated';
  // The sink answers "duplicate" for a removal of an alert it does not hold (never seen, or already
  // removed), so a repeated Update or Cancel makes no event and a stray reference adds no noise.
  const removals: EventDraft[] = message.references.map((ref) => ({
    type: 'alert.removed',
    id: capAlertId(ref.sender, ref.identifier),
    data: { reason: cleanText(`${verb} by ${message.identifier} (${message.sender})`, 4000) },
  }));
  if (message.msgType === 'Cancel') return removals;
  const issued: EventDraft = {
    type: 'alert.issued',
    id: capAlertId(message.sender, message.identifier),
    data: {
      identifier: message.identifier,
      sender: message.sender,
      sent: message.sent,
      msgType: message.msgType,
      status: message.status,
      severity: message.severity,
      urgency: message.urgency,
      certainty: message.certainty,
      ...(message.effective !== undefined ? { effective: message.effective } : {}),
      ...(message.expires !== undefined ? { expires: message.expires } : {}),
      infos: message.infos,
      polygons: message.polygons,
      geocodes: message.geocodes,
      ...(message.references.length > 0
        ? { references: message.references.map((r) => `${r.sender},${r.identifier},${r.sent}`) }
        : {}),
    },
  };
  return [...removals, issued];
}
