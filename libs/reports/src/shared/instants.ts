import { ReportsError } from '../reports-error';

/** An ISO-8601 instant in the one form files carry (`2026-03-02T00:00:00.000Z`), or a ReportsError naming the option. */
export function canonicalInstant(text: string, what: string): string {
  return new Date(instantMillis(text, what)).toISOString();
}

export function instantMillis(text: string, what: string): number {
  // A date alone (`2026-03-02`) is midnight UTC, as Date.parse reads it; anything else needs a zone.
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const millis = dateOnly || zoned ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(millis)) throw new ReportsError('REPORTS_INVALID_INSTANT', `${what} must be an ISO-8601 date or instant with a zone (2026-03-02 or 2026-03-02T09:00:00Z), got "${text}".`);
  return millis;
}

/** `20260302T000000Z`: an instant as it can appear in a file name on any system. */
export function compactInstant(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}
