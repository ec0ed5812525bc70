/** Time arithmetic for the story, in epoch milliseconds (UTC). */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** 0 = Sunday … 6 = Saturday, as `Date.getUTCDay`. */
export function utcWeekday(ms: number): number {
  return new Date(ms).getUTCDay();
}

export function isWeekend(dayStartMs: number): boolean {
  const weekday = utcWeekday(dayStartMs);
  return weekday === 0 || weekday === 6;
}

/** `2026-03-01T10:00:00Z`: GitHub's format (seconds, `Z`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `2026-03-01T10:00:00.123456Z`: incident.io's format (microseconds). */
export function isoMicros(ms: number, micros: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, `.$1${String(micros % 1000).padStart(3, '0')}Z`);
}

/** `2026-03-01`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Minutes east of UTC of a time zone at an instant, e.g. 60 for Europe/Berlin in winter. Cached per
 * zone and hour: the story asks millions of times, and offsets change at most twice a year.
 */
const offsets = new Map<string, number>();
const formatters = new Map<string, Intl.DateTimeFormat>();

export function zoneOffsetMinutes(timezone: string, ms: number): number {
  const key = `${timezone}@${Math.floor(ms / HOUR)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  const wallClock = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offset = Math.round((wallClock - Math.floor(ms / MINUTE) * MINUTE) / MINUTE);
  offsets.set(key, offset);
  return offset;
}

/** The instant of a local wall-clock time (minutes after local midnight) on the UTC date of `dayStartMs`. */
export function localTime(dayStartMs: number, minuteOfDay: number, timezone: string): number {
  const wallClock = dayStartMs + minuteOfDay * MINUTE;
  return wallClock - zoneOffsetMinutes(timezone, wallClock) * MINUTE;
}

/** `2026-03-01 10:00:00 UTC`: one of GitLab's three time formats (change sets, edits). */
export function gitlabUtc(ms: number): string {
  return `${isoSeconds(ms).replace('T', ' ').replace('Z', '')} UTC`;
}

/** `2026-03-01 10:00:00 +0000`: GitLab's deployment-hook format. */
export function gitlabOffset(ms: number): string {
  return `${isoSeconds(ms).replace('T', ' ').replace('Z', '')} +0000`;
}
