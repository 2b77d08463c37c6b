import type { SlaState } from './palette.ts';

/** An hour is the shortest notice a field team needs to reach a report before its deadline. */
const MIN_DUE_SOON_MS = 60 * 60 * 1000;

/**
 * SLA state of a citizen report at `now`. "Due soon" starts in the last fifth of the allowed time, but
 * never later than an hour before the deadline. Resolved or closed reports are done whatever the time.
 */
export function slaState(
  report: { status: string; createdAt: number; slaDeadline: number },
  now: number,
): SlaState {
  if (report.status === 'resolved' || report.status === 'closed') return 'done';
  const remaining = report.slaDeadline - now;
  if (remaining < 0) return 'overdue';
  const window = Math.max(0, report.slaDeadline - report.createdAt);
  if (remaining <= Math.max(MIN_DUE_SOON_MS, window * 0.2)) return 'dueSoon';
  return 'onTime';
}
