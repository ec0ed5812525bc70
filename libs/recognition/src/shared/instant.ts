/** Instants inside the recognition core are epoch milliseconds; events carry ISO-8601 UTC strings. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Epoch milliseconds of an ISO-8601 instant; null when it is absent or not a date. */
export function epochMsOf(iso: string | undefined | null): number | null {
  if (iso === undefined || iso === null || iso === '') return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** The canonical form events carry (`2026-02-02T10:00:00.000Z`). */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/** A window `[from, to)`, as KPIs use. */
export interface TimeWindow {
  from: string;
  to: string;
}

/** Whether an instant falls in the window; no window means all of history. */
export function isInWindow(window: TimeWindow | undefined, atMs: number): boolean {
  if (window === undefined) return true;
  return Date.parse(window.from) <= atMs && atMs < Date.parse(window.to);
}
