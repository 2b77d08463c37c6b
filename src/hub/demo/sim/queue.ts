import type { EventDraft } from '../../../shared/protocol/envelope.ts';

/**
 * Two small queues the simulator runs on: timed actions (a binary min-heap on simulated time, ties in
 * insertion order so runs are reproducible) and important events waiting for budget, by priority.
 */

interface Timed {
  at: number;
  seq: number;
  run: (at: number) => void;
}

export class TimedQueue {
  #heap: Timed[] = [];
  #seq = 0;

  push(at: number, run: (at: number) => void): void {
    const heap = this.#heap;
    heap.push({ at, seq: this.#seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i] as Timed, heap[p] as Timed)) break;
      [heap[i], heap[p]] = [heap[p] as Timed, heap[i] as Timed];
      i = p;
    }
  }

  /** Runs every action due at or before `now`, in time order, including ones scheduled meanwhile. */
  runUntil(now: number): void {
    const heap = this.#heap;
    while (heap.length > 0 && (heap[0] as Timed).at <= now) {
      const top = heap[0] as Timed;
      const last = heap.pop() as Timed;
      if (heap.length > 0) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && less(heap[l] as Timed, heap[m] as Timed)) m = l;
          if (r < heap.length && less(heap[r] as Timed, heap[m] as Timed)) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m] as Timed, heap[i] as Timed];
          i = m;
        }
      }
      top.run(top.at);
    }
  }

  get size(): number {
    return this.#heap.length;
  }
}

function less(a: Timed, b: Timed): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

const LEVELS = 6;

/** FIFO per priority; drained most important first. Unbounded, but the hub's budget drains it. */
export class ImportantQueue {
  #levels: EventDraft[][] = Array.from({ length: LEVELS }, () => []);
  #heads = new Array<number>(LEVELS).fill(0);

  push(priority: number, draft: EventDraft): void {
    this.#levels[priority]?.push(draft);
  }

  drainInto(out: EventDraft[], budget: number): void {
    for (let p = 0; p < LEVELS && out.length < budget; p++) {
      const level = this.#levels[p] as EventDraft[];
      let head = this.#heads[p] as number;
      while (head < level.length && out.length < budget) out.push(level[head++] as EventDraft);
      if (head === level.length) {
        level.length = 0;
        head = 0;
      } else if (head > 4096) {
        level.splice(0, head);
        head = 0;
      }
      this.#heads[p] = head;
    }
  }

  get size(): number {
    let n = 0;
    this.#levels.forEach((l, p) => (n += l.length - (this.#heads[p] as number)));
    return n;
  }
}
