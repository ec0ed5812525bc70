import { toIsoInstant } from '../model/instant';
import { localTimeToEpochMs } from '../model/zoned-time';
import { DATE_PATTERN } from './organization-file-schema';

// A file repeats the same few dates thousands of times; each conversion asks Intl three times.
const instantsByZoneAndDate = new Map<string, string>();

function convert(text: string, timezone: string): string {
  if (!DATE_PATTERN.test(text)) return toIsoInstant(Date.parse(text));
  const [year, month, day] = text.split('-').map(Number);
  return toIsoInstant(localTimeToEpochMs({ year, month, day }, timezone));
}

/**
 * A date from the file as a UTC instant: a bare date (`2026-03-01`) means local midnight in the
 * organisation's time zone, since that is when a move "on March 1st" happens for the people in it.
 */
export function fileDateToInstant(text: string, timezone: string): string {
  const key = `${timezone} ${text}`;
  let instant = instantsByZoneAndDate.get(key);
  if (instant === undefined) {
    instant = convert(text, timezone);
    instantsByZoneAndDate.set(key, instant);
  }
  return instant;
}
