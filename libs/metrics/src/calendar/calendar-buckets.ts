import type { Millis, MillisWindow } from '../shared/millis';
import { addDays, calendarDate, localDateAt, localDayLabel, startOfLocalDay, type LocalDate } from './zoned-calendar';

export type Granularity = 'day' | 'week' | 'month';

export interface CalendarBucket {
  /** `YYYY-MM-DD` of the bucket's first day (a week's Monday), `YYYY-MM` for a month. */
  label: string;
  /** The calendar bucket, in UTC instants. */
  from: Millis;
  to: Millis;
}

function firstDayOf(date: LocalDate, granularity: Granularity): LocalDate {
  if (granularity === 'day') return date;
  if (granularity === 'week') return addDays(date, 1 - date.weekday);
  return calendarDate(date.year, date.month, 1);
}

function nextFirstDay(first: LocalDate, granularity: Granularity): LocalDate {
  if (granularity === 'day') return addDays(first, 1);
  if (granularity === 'week') return addDays(first, 7);
  return calendarDate(first.year, first.month + 1, 1);
}

function labelOf(first: LocalDate, granularity: Granularity, from: Millis, timeZone: string): string {
  return granularity === 'month' ? `${first.year}-${String(first.month).padStart(2, '0')}` : localDayLabel(from, timeZone);
}

/**
 * The calendar buckets (days, weeks starting on Monday, months) of the organisation's time zone
 * that overlap the window, in order. A DST change makes a day 23 or 25 hours long: buckets follow
 * the local calendar, not fixed lengths.
 */
export function calendarBuckets(window: MillisWindow, granularity: Granularity, timeZone: string): CalendarBucket[] {
  const buckets: CalendarBucket[] = [];
  let first = firstDayOf(localDateAt(window.from, timeZone), granularity);
  let from = startOfLocalDay(first.year, first.month, first.day, timeZone);
  while (from < window.to) {
    const next = nextFirstDay(first, granularity);
    const to = startOfLocalDay(next.year, next.month, next.day, timeZone);
    buckets.push({ label: labelOf(first, granularity, from, timeZone), from, to });
    first = next;
    from = to;
  }
  return buckets;
}

/** The window's part of each bucket: the first and last may be cut by the window. */
export function clipToWindow(bucket: CalendarBucket, window: MillisWindow): CalendarBucket {
  return { label: bucket.label, from: Math.max(bucket.from, window.from), to: Math.min(bucket.to, window.to) };
}
