/**
 * GET for pollers: http(s) only, a timeout, a body size cap (read as a stream so a huge answer is
 * never buffered whole), and an abort signal so hub shutdown stops a poll in flight.
 */

export const POLL_BODY_LIMIT = 4 * 1024 * 1024;
const TIMEOUT_MS = 15_000;

export type Fetched = { ok: true; body: Uint8Array; contentType: string } | { ok: false; reason: string };

export async function fetchCapped(
  url: string,
  signal: AbortSignal,
  limit = POLL_BODY_LIMIT,
): Promise<Fetched> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `invalid URL "${url.slice(0, 100)}"` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `only http(s) URLs are polled, not ${parsed.protocol}` };
  }
  try {
    const res = await fetch(parsed, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
      redirect: 'follow',
    });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, reason: `GET ${parsed.host}${parsed.pathname} answered ${res.status}` };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body) {
        size += chunk.length;
        if (size > limit) {
          await res.body.cancel().catch(() => undefined);
          return {
            ok: false,
            reason: `GET ${parsed.host}${parsed.pathname}: body larger than ${limit} bytes`,
          };
        }
        chunks.push(chunk);
      }
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const c of chunks) {
      body.set(c, offset);
      offset += c.length;
    }
    return { ok: true, body, contentType: res.headers.get('content-type') ?? '' };
  } catch (error) {
    const why =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : 'failed';
    return { ok: false, reason: `GET ${parsed.host}${parsed.pathname} failed: ${why.slice(0, 200)}` };
  }
}
