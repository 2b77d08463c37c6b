// Reading both sides' SQLite files directly (never through the code under test): the hub's event log and
// the client's cache.db.
import Database from 'better-sqlite3';

/** Every seq the hub logged, per stream, and its epoch. Safe while the hub runs (WAL readers). */
export function hubLog(path: string): { epoch: string; seqs: Map<string, number[]> } {
  const db = new Database(path, { readonly: true });
  try {
    const epoch =
      db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'epoch'").get()?.value ?? '';
    const seqs = new Map<string, number[]>();
    for (const r of db
      .prepare<[], { stream: string; seq: number }>('SELECT stream, seq FROM events ORDER BY stream, seq')
      .iterate()) {
      let list = seqs.get(r.stream);
      if (!list) seqs.set(r.stream, (list = []));
      list.push(r.seq);
    }
    return { epoch, seqs };
  } finally {
    db.close();
  }
}

/** The hub's newest seq per stream (what the client must reach before the comparison). */
export function hubHeads(path: string): Map<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    return new Map(
      db
        .prepare<[], { stream: string; last_seq: number }>('SELECT stream, last_seq FROM streams')
        .all()
        .map((r) => [r.stream, r.last_seq]),
    );
  } finally {
    db.close();
  }
}

export interface ClientCache {
  integrity: string;
  /** Seqs held per stream for `epoch`, with repeats if any (the checker counts them). */
  seqs: Map<string, number[]>;
  positions: Map<string, { epoch: string | null; lastSeq: number; gap: boolean }>;
}

/**
 * Opens cache.db as a fresh process would after a crash (read-write, so the WAL is recovered) and runs the
 * full `integrity_check`.
 */
export function readClientCache(path: string, epoch: string): ClientCache {
  const db = new Database(path);
  try {
    const rows = db.pragma('integrity_check') as Array<Record<string, unknown>>;
    const integrity = rows.map((r) => String(Object.values(r)[0])).join('; ');
    const seqs = new Map<string, number[]>();
    const no = db.prepare<[string], { no: number }>('SELECT no FROM epochs WHERE epoch = ?').get(epoch)?.no;
    if (no !== undefined) {
      // Seqs as the chunk bodies hold them (first seq + position of each id), not as the row ranges claim.
      const q = db.prepare<[number], { stream: string; seq: number }>(
        `SELECT c.stream AS stream, json_extract(c.body, '$.seq') + j.key AS seq
         FROM event_chunks c, json_each(c.body, '$.id') j WHERE c.epoch_no = ? ORDER BY c.stream, c.first_seq, j.key`,
      );
      for (const r of q.iterate(no)) {
        let list = seqs.get(r.stream);
        if (!list) seqs.set(r.stream, (list = []));
        list.push(r.seq);
      }
    }
    const positions = new Map(
      db
        .prepare<[], { stream: string; epoch: string | null; last_seq: number; gap: number }>(
          'SELECT stream, epoch, last_seq, gap FROM positions',
        )
        .all()
        .map((r) => [r.stream, { epoch: r.epoch, lastSeq: r.last_seq, gap: r.gap === 1 }] as const),
    );
    return { integrity, seqs, positions };
  } finally {
    db.close();
  }
}

/** The hub log's epoch (its meta table). */
export function hubEpoch(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'epoch'").get()?.value ?? '';
  } finally {
    db.close();
  }
}

/**
 * After a client crash: full `integrity_check`, and every seq the client reported as persisted is there —
 * its position is at least that far, and the event row exists (unless the seq is where a snapshot ended:
 * a snapshot stores state, not the event at its seq). Point queries, so the cost does not grow with the log.
 */
export function checkCrashedCache(
  path: string,
  epoch: string,
  reported: ReadonlyMap<string, number>,
  snapshotSeqs: ReadonlyMap<string, ReadonlySet<number>>,
): { integrity: string; lost: string[]; positions: Map<string, number> } {
  const db = new Database(path);
  try {
    const rows = db.pragma('integrity_check') as Array<Record<string, unknown>>;
    const integrity = rows.map((r) => String(Object.values(r)[0])).join('; ');
    const lost: string[] = [];
    const no = db.prepare<[string], { no: number }>('SELECT no FROM epochs WHERE epoch = ?').get(epoch)?.no;
    const position = db.prepare<[string], { epoch: string | null; last_seq: number }>(
      'SELECT epoch, last_seq FROM positions WHERE stream = ?',
    );
    const held = db.prepare<[string, number, number, number, number], { n: number }>(
      `SELECT count(*) AS n FROM event_chunks c, json_each(c.body, '$.id') j
       WHERE c.stream = ? AND c.epoch_no = ? AND c.first_seq <= ? AND c.last_seq >= ? AND json_extract(c.body, '$.seq') + j.key = ?`,
    );
    for (const [stream, seq] of reported) {
      if (seq === 0) continue;
      const p = position.get(stream);
      if (!p || p.epoch !== epoch || p.last_seq < seq) {
        lost.push(`${stream}: reported ${seq}, position ${p ? p.last_seq : 'none'}`);
        continue;
      }
      if (snapshotSeqs.get(stream)?.has(seq)) continue;
      if (no === undefined || (held.get(stream, no, seq, seq, seq)?.n ?? 0) !== 1)
        lost.push(`${stream}: reported ${seq}, event row missing`);
    }
    const positions = new Map(
      db
        .prepare<[string], { stream: string; last_seq: number }>(
          'SELECT stream, last_seq FROM positions WHERE epoch = ?',
        )
        .all(epoch)
        .map((r) => [r.stream, r.last_seq] as const),
    );
    return { integrity, lost, positions };
  } finally {
    db.close();
  }
}

/** The client's persisted seq per stream, read beside the running client (WAL reader). */
export function clientPositions(path: string): Map<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    return new Map(
      db
        .prepare<[], { stream: string; last_seq: number }>('SELECT stream, last_seq FROM positions')
        .all()
        .map((r) => [r.stream, r.last_seq]),
    );
  } finally {
    db.close();
  }
}

/** How many events the hub logged and at what rate (first to last event's hub time, outages included). */
export function hubRateNote(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const r = db
      .prepare<[], { n: number; t0: number | null; t1: number | null }>(
        'SELECT count(*) AS n, min(ts) AS t0, max(ts) AS t1 FROM events',
      )
      .get();
    const n = r?.n ?? 0;
    const seconds =
      typeof r?.t0 === 'number' && typeof r.t1 === 'number' ? Math.max(0.001, (r.t1 - r.t0) / 1000) : 0;
    // The streaming rate while up: events over the time the log was growing, leaving out every pause of
    // more than 250 ms between two appends (the hub down or restarting).
    let upMs = 0;
    let prev: number | null = null;
    for (const ts of db.prepare<[], number>('SELECT DISTINCT ts FROM events ORDER BY ts').pluck().iterate()) {
      if (prev !== null && ts - prev <= 250) upMs += ts - prev;
      prev = ts;
    }
    const whileUp = upMs > 0 ? Math.round(n / (upMs / 1000)) : 0;
    return `hub logged ${n} events over ${seconds.toFixed(1)} s (${seconds ? Math.round(n / seconds) : 0}/s incl. outages, ${whileUp}/s while up)`;
  } finally {
    db.close();
  }
}
