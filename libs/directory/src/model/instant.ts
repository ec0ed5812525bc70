/** An instant as callers have it: epoch milliseconds, an ISO-8601 string or a Date. */
export type Instant = number | string | Date;

/** Epoch milliseconds of an instant; NaN when the string is not a date (callers treat it as unknown). */
export function toEpochMs(at: Instant): number {
  if (typeof at === 'number') return at;
  if (typeof at === 'string') return Date.parse(at);
  return at.getTime();
}

export function toIsoInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
