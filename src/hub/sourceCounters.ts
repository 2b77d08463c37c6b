/** What `GET /healthz` → `sources` shows per source (adapter, simulator, operators). */
export interface SourceStats {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Rejections per reason (the most recent distinct reasons; older ones fold into `other`). */
  reasons: Record<string, number>;
  lastAcceptedAt: number | null;
  lastRejectedAt: number | null;
}

const MAX_REASONS = 20;
const MAX_REASON_LENGTH = 200;
/** Sources are named by the hub's own code, but cap them anyway: /healthz must stay small. */
const MAX_SOURCES = 100;

export class SourceCounters {
  readonly #stats = new Map<string, SourceStats>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  record(source: string, outcome: { accepted: number; duplicates: number; rejected: readonly string[] }): void {
    const stats = this.#get(source.slice(0, 100));
    if (!stats) return;
    const now = this.#now();
    stats.accepted += outcome.accepted;
    stats.duplicates += outcome.duplicates;
    stats.rejected += outcome.rejected.length;
    if (outcome.accepted > 0) stats.lastAcceptedAt = now;
    if (outcome.rejected.length > 0) stats.lastRejectedAt = now;
    for (const raw of outcome.rejected) {
      let reason = raw.slice(0, MAX_REASON_LENGTH);
      if (!(reason in stats.reasons) && Object.keys(stats.reasons).length >= MAX_REASONS) reason = 'other';
      stats.reasons[reason] = (stats.reasons[reason] ?? 0) + 1;
    }
  }

  #get(source: string): SourceStats | undefined {
    let stats = this.#stats.get(source);
    if (!stats && this.#stats.size < MAX_SOURCES) {
      // A prototype-free map: reasons are text from outside and may well be "__proto__".
      stats = { accepted: 0, duplicates: 0, rejected: 0, reasons: Object.create(null) as Record<string, number>, lastAcceptedAt: null, lastRejectedAt: null };
      this.#stats.set(source, stats);
    }
    return stats;
  }

  toJSON(): Record<string, SourceStats> {
    return Object.fromEntries([...this.#stats].map(([name, s]) => [name, { ...s, reasons: { ...s.reasons } }]));
  }
}
