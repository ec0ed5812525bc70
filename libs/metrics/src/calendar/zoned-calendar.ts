import { localTimeToEpochMs, wallClockAt, WEEKDAYS } from '@tandem/directory';

/** A date on the organisation's calendar; `weekday` 1 = Monday … 7 = Sunday (ISO). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

/** The organisation's calendar on top of the directory's wall clock, which owns the time-zone arithmetic. */
export function localDateAt(epochMs: number, timeZone: string): LocalDate {
  const { year, month, day, weekday } = wallClockAt(epochMs, timeZone);
  return { year, month, day, weekday: WEEKDAYS.indexOf(weekday) + 1 };
}

/** The instant the day starts in the zone. `day` may overflow the month (day 32 is the 1st of the next), which keeps day arithmetic simple. */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  return localTimeToEpochMs({ year, month, day }, timeZone);
}

const QUARTER_HOUR_MS = 900_000;
/** About five years of quarter hours per zone, then the memory starts over. */
const MAX_REMEMBERED_LABELS = 175_000;
const dayLabels = new Map<string, Map<number, string>>();

/**
 * `YYYY-MM-DD` of the instant on the zone's calendar. Every zone's offset is a whole number of
 * quarter hours, so all instants of one UTC quarter hour share their local day: the label is
 * remembered per quarter hour (deploy days of a quarter are thousands of look-ups, few distinct).
 */
export function localDayLabel(epochMs: number, timeZone: string): string {
  let labels = dayLabels.get(timeZone);
  if (!labels) dayLabels.set(timeZone, (labels = new Map()));
  const quarterHour = Math.floor(epochMs / QUARTER_HOUR_MS);
  let label = labels.get(quarterHour);
  if (label === undefined) {
    const { year, month, day } = localDateAt(quarterHour * QUARTER_HOUR_MS, timeZone);
    label = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (labels.size >= MAX_REMEMBERED_LABELS) labels.clear();
    labels.set(quarterHour, label);
  }
  return label;
}

/** A calendar date; the day may overflow its month (day 32 is the 1st of the next). */
export function calendarDate(year: number, month: number, day: number): LocalDate {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay();
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: weekday === 0 ? 7 : weekday };
}

/** The calendar date `days` after a date (negative: before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return calendarDate(date.year, date.month, date.day + days);
}
