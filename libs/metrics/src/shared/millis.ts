/** Instants inside the metrics core are epoch milliseconds: cheap to compare and subtract. */
export type Millis = number;

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const DAY_MS = 86_400 * SECOND_MS;

const ZERO = 48;

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let index = from; index < from + count; index += 1) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The canonical events' own format, `YYYY-MM-DDTHH:MM:SS[.f…]Z`, read without Date.parse: a
 * rebuild reads a few million instants, and this is several times faster. Null: another format.
 */
function parseCanonicalInstant(text: string): Millis | null {
  const last = text.length - 1;
  if (last < 19 || text.charCodeAt(last) !== 90 /* Z */ || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return null;
  if (last > 19 && text[19] !== '.') return null;
  let milliseconds = 0;
  for (let index = 20, scale = 100; index < last; index += 1, scale /= 10) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return null;
    milliseconds += digit * scale;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (Number.isNaN(year + month + day + hour + minute + second) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(milliseconds));
}

/** Epoch milliseconds of an ISO-8601 instant; null when it is absent or not a date. */
export function millisOf(iso: string | undefined | null): Millis | null {
  if (iso === undefined || iso === null) return null;
  const canonical = parseCanonicalInstant(iso);
  if (canonical !== null) return canonical;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

export function isoOf(ms: Millis | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Durations are reported in seconds, with their milliseconds: a 40-minute incident is 2400, never 0. */
export function secondsBetween(start: Millis, end: Millis): number {
  return (end - start) / SECOND_MS;
}

/** The earliest of the known instants. */
export function earliest(...instants: (Millis | null | undefined)[]): Millis | null {
  let result: Millis | null = null;
  for (const instant of instants) if (instant !== null && instant !== undefined && (result === null || instant < result)) result = instant;
  return result;
}

/** A window `[from, to)` in epoch milliseconds. */
export interface MillisWindow {
  from: Millis;
  to: Millis;
}

export function isWithin(window: MillisWindow, at: Millis | null): at is Millis {
  return at !== null && window.from <= at && at < window.to;
}

/**
 * A KPI duration: clocks of different tools disagree by seconds, so an end stamped before its
 * start reads as no wait (0), never a negative one that would drag a median down.
 */
export function elapsedSeconds(start: Millis, end: Millis): number {
  return Math.max(0, secondsBetween(start, end));
}
