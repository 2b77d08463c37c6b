/** `?screen=N`: which display of the wall this window drives (0 = the main one). */
export function parseScreen(search: string): number {
  const raw = new URLSearchParams(search).get('screen');
  const n = raw === null ? 0 : Number(raw);
  return Number.isInteger(n) && n >= 0 && n < 64 ? n : 0;
}
