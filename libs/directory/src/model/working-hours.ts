import { WEEKDAYS, type Weekday, type WorkingHours, type WorkingHoursRange } from './organization-model';
import { wallClockAt } from './zoned-time';

const MINUTES_PER_DAY = 1_440;

function nextDay(day: Weekday): Weekday {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 1) % WEEKDAYS.length];
}

function minutesOfDay(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * The weekly ranges of a shift written as days, start and end (`HH:MM`). A shift whose end is at
 * or before its start runs past midnight, so it becomes two ranges: to midnight, then from it.
 */
export function shiftToRanges(days: readonly Weekday[], start: string, end: string): WorkingHoursRange[] {
  const startMinute = minutesOfDay(start);
  const endMinute = minutesOfDay(end);
  if (startMinute < endMinute) return days.map((day) => ({ day, startMinute, endMinute }));
  return days.flatMap((day) => [
    { day, startMinute, endMinute: MINUTES_PER_DAY },
    ...(endMinute > 0 ? [{ day: nextDay(day), startMinute: 0, endMinute }] : []),
  ]);
}

/**
 * Whether the instant falls in the working hours, read on the wall clock of their time zone:
 * a DST change moves the UTC hours, never the local ones.
 */
export function isWithinHours(hours: WorkingHours, epochMs: number): boolean {
  const clock = wallClockAt(epochMs, hours.timezone);
  const minute = clock.hour * 60 + clock.minute;
  return hours.ranges.some((range) => range.day === clock.weekday && range.startMinute <= minute && minute < range.endMinute);
}
