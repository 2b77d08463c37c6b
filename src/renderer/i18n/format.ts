// Wall clocks are Vietnamese local time whatever the machine's zone, and always 24-hour: several
// formatters default to 12-hour and some drop the AM/PM marker, which turns 19:45 into 07:45.
export const WALL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function locale(lng: string): string {
  return lng === 'en' ? 'en-GB' : 'vi-VN';
}

/** `14:32` in Asia/Ho_Chi_Minh. */
export function formatTime(ms: number, lng: string): string {
  let f = timeFormats.get(lng);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lng), {
      timeZone: WALL_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    timeFormats.set(lng, f);
  }
  return f.format(ms);
}

/** `28/11 14:32` in Asia/Ho_Chi_Minh, for deadlines and record times that may be on another day. */
export function formatDateTime(ms: number, lng: string): string {
  let f = dateTimeFormats.get(lng);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lng), {
      timeZone: WALL_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(lng, f);
  }
  return f.format(ms);
}

export type AgeKey = 'feed.live' | 'feed.ageSeconds' | 'feed.ageMinutes' | 'feed.ageHours' | 'feed.ageDays';

/**
 * How old a datum is, as an i18n key and a whole number. Under 15 s counts as live: the hub's clock and
 * ours differ by a little, and a flickering "3 s old" reads as a fault from across the room.
 */
export function ageParts(ageMs: number): { key: AgeKey; n: number } {
  const s = Math.max(0, Math.floor(ageMs / 1000));
  if (s < 15) return { key: 'feed.live', n: 0 };
  if (s < 60) return { key: 'feed.ageSeconds', n: s };
  const m = Math.floor(s / 60);
  if (m < 60) return { key: 'feed.ageMinutes', n: m };
  const h = Math.floor(m / 60);
  if (h < 48) return { key: 'feed.ageHours', n: h };
  return { key: 'feed.ageDays', n: Math.floor(h / 24) };
}
