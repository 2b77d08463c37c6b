import type { AdapterContext } from './context.ts';

/** Installs the real-source adapters (NGSI-LD, CAP 1.2, Open311) on a starting hub. */
export function installAdapters(_ctx: AdapterContext): void {
  // Filled in by the real-source adapters work (issue 8).
}
