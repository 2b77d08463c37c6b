/**
 * V8 flags for the process that runs the core (browser mode's Node, Electron's main process).
 *
 * A young generation of 64 MB per semi-space instead of Node's default 16: a fast backfill holds up to
 * 50k parsed envelopes between two commits, and with the default size most of them were copied from
 * space to space and promoted before their tick was committed, so the collector's work grew with the
 * backlog. Measured in `npm run bench -- client` (same machine, alternating runs): end-to-end ratio
 * 0.46–0.49 with the default, 0.53–0.58 with this. The memory cost is at most ~190 MB more young space,
 * reached only during a backlog.
 *
 * V8 reads these when the process starts (`v8.setFlagsFromString` later changes nothing here, checked),
 * so every launcher passes them: `npm start`, `npm run web`, the client bench, and the Linux desktop entry
 * of the packaged app (electron-builder.yml).
 */
export const CORE_V8_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** The same flags for Electron's main process, which takes V8 flags only through `--js-flags`. */
export function electronJsFlags(): string {
  return `--js-flags=${CORE_V8_FLAGS.join(' ')}`;
}
