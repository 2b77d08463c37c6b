/**
 * JSON as real GeoReport endpoints send it. The spec's own examples write `"service_code":001`, which is
 * not JSON; ids larger than 2^53 lose digits as numbers. Before `JSON.parse`, every number token with a
 * leading zero or more than 15 digits becomes a string token, so `001` stays "001" and nothing is lost.
 * Strings are skipped exactly (escapes included), so text inside them is never touched.
 */
export function lenientJsonParse(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  let out = '';
  let i = 0;
  let last = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (match) {
        const token = match[0];
        const digits = token.replace(/^-/, '');
        const leadingZero = /^0\d/.test(digits);
        const tooLong = !match[1] && !match[2] && digits.length > 15;
        if (leadingZero || tooLong) {
          out += `${text.slice(last, i)}"${token}"`;
          last = i + token.length;
        }
        i += token.length;
        continue;
      }
    }
    i++;
  }
  out += text.slice(last);
  try {
    return { ok: true, value: JSON.parse(out) as unknown };
  } catch (error) {
    return {
      ok: false,
      reason: `invalid JSON: ${error instanceof Error ? error.message.slice(0, 160) : 'parse error'}`,
    };
  }
}
