/** Distinct reasons kept; a hostile hub could otherwise grow the map without bound. */
const MAX_REASONS = 64;
const MAX_REASON_LENGTH = 160;

/**
 * Counts what was rejected, by reason, for the diagnostics panel. Quoted values are masked so one bad
 * field repeated with different values counts as one reason.
 */
export class Rejections {
  #total = 0;
  readonly #byReason = new Map<string, number>();

  add(reason: string, count = 1): void {
    this.#total += count;
    let key = reason.replace(/"[^"]*"/g, '"…"').slice(0, MAX_REASON_LENGTH);
    if (!this.#byReason.has(key) && this.#byReason.size >= MAX_REASONS) key = 'other reasons';
    this.#byReason.set(key, (this.#byReason.get(key) ?? 0) + count);
  }

  get total(): number {
    return this.#total;
  }

  snapshot(): { total: number; byReason: Record<string, number> } {
    return { total: this.#total, byReason: Object.fromEntries(this.#byReason) };
  }
}
