/** A date on the organisation's calendar; `weekday` 1 = Monday … 7 = Sunday (ISO). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

const WEEKDAY_NUMBER: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Creating an Intl.DateTimeFormat costs far more than using one: one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, weekday: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type === 'weekday') clock.weekday = WEEKDAY_NUMBER[part.value] ?? 1;
    else if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute' || part.type === 'second') {
      clock[part.type] = Number(part.value);
    }
  }
  return clock;
}

export function localDateAt(epochMs: number, timeZone: string): LocalDate {
  const { year, month, day, weekday } = wallClockAt(epochMs, timeZone);
  return { year, month, day, weekday };
}

/** How far the zone's wall clock is ahead of UTC at the instant. */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const clock = wallClockAt(epochMs, timeZone);
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant the day starts in the zone. Two passes: the offset to subtract is the one in force
 * at the answer, not at the first guess (a DST change between them). `day` may overflow the
 * month (day 32 is the 1st of the next), which makes day arithmetic simple.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(year, month - 1, day);
  const guess = wallAsUtc - zoneOffsetMs(wallAsUtc, timeZone);
  return wallAsUtc - zoneOffsetMs(guess, timeZone);
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
