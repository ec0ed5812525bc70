/**
 * Vendors send times in many shapes; every canonical event carries a UTC ISO-8601 instant.
 * Each function throws `InvalidVendorTime` on input it cannot read, so a malformed time ends in
 * the dead-letter topic with a reason instead of becoming a wrong number.
 */
export class InvalidVendorTime extends Error {
  constructor(readonly input: unknown, readonly expected: string) {
    super(`cannot read time ${JSON.stringify(input)}: expected ${expected}`);
    this.name = 'InvalidVendorTime';
  }
}

/** ISO-8601 with `Z` or an offset, with or without a colon in the offset (Jira: `-0800`). */
export function fromIsoTime(input: unknown): string {
  if (typeof input !== 'string') throw new InvalidVendorTime(input, 'an ISO-8601 string');
  const withColonOffset = input.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return toIso(Date.parse(withColonOffset), input, 'an ISO-8601 string');
}

/**
 * GitLab mixes `2016-08-12 15:23:28 UTC`, `2021-04-28 21:50:00 +0200` and ISO `Z` strings.
 */
export function fromGitlabTime(input: unknown): string {
  if (typeof input !== 'string') throw new InvalidVendorTime(input, 'a GitLab time string');
  const spaced = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) (UTC|[+-]\d{4})$/.exec(input);
  if (!spaced) return fromIsoTime(input);
  const [, date, time, zone] = spaced;
  const offset = zone === 'UTC' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return toIso(Date.parse(`${date}T${time}${offset}`), input, 'a GitLab time string');
}

/** Slack `ts` / `event_ts`: `"1531420618.000200"` (seconds.micros) or plain seconds. */
export function fromSlackTs(input: unknown): string {
  const text = typeof input === 'number' ? String(input) : input;
  if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text)) throw new InvalidVendorTime(input, 'Slack "seconds.micros"');
  const [seconds, fraction = ''] = text.split('.');
  return toIso(Number(seconds) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3)), input, 'Slack "seconds.micros"');
}

/**
 * Epoch numbers whose unit a vendor does not state consistently (Opsgenie: `createdAt` in
 * milliseconds, `updatedAt` in nanoseconds). The magnitude tells the unit: any instant between
 * 2001 and 2286 is 10 digits in seconds, 13 in milliseconds, 16 in microseconds, 19 in nanoseconds.
 */
export function fromEpochOfAnyUnit(input: unknown): string {
  const value = typeof input === 'string' && /^\d+$/.test(input) ? Number(input) : input;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidVendorTime(input, 'epoch seconds, milliseconds, microseconds or nanoseconds');
  }
  const digits = Math.floor(Math.log10(value)) + 1;
  const millis =
    digits <= 10 ? value * 1000 : digits <= 13 ? value : digits <= 16 ? value / 1000 : value / 1_000_000;
  return toIso(Math.floor(millis), input, 'an epoch number');
}

/** Years 1970–9999 only: anything else is a unit mix-up, and `toISOString` would throw a bare RangeError. */
const LATEST_MILLIS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function toIso(millis: number, input: unknown, expected: string): string {
  if (!Number.isFinite(millis) || millis < 0 || millis > LATEST_MILLIS) throw new InvalidVendorTime(input, expected);
  return new Date(millis).toISOString();
}
