import type { Directory } from '@tandem/directory';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './instant';

/** How the feed names a person: their name in tandem.yaml, else their id. */
export function nameOf(directory: Directory, personId: string): string {
  return directory.person(personId)?.name ?? personId;
}

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A duration as people say it: "under a minute", "18 min", "5 h", "3 days". */
export function durationPhrase(ms: number): string {
  const clamped = Math.max(0, ms);
  if (clamped < MINUTE_MS) return 'under a minute';
  if (clamped < HOUR_MS) return `${Math.round(clamped / MINUTE_MS)} min`;
  if (clamped < 2 * DAY_MS) return `${Math.round(clamped / HOUR_MS)} h`;
  return `${Math.round(clamped / DAY_MS)} days`;
}

/**
 * "the checkout incident", "the checkout and search incident", "an incident". Services only:
 * an incident's title may say who or what caused it, and the feed never does.
 */
export function incidentPhrase(services: readonly string[]): string {
  return services.length === 0 ? 'an incident' : `the ${listing(services)} incident`;
}
