import type { CanonicalEvent } from '@tandem/contracts';
import { compareText } from '../shared/compare';

/**
 * Orders two UTC instants as canonical events write them (RFC 3339, `Z`). Strings of the same
 * length have the same fractional digits, so they order as text; only mixed precisions are
 * parsed. A rebuild orders millions of events: most comparisons stay string comparisons.
 */
function compareInstants(a: string, b: string): number {
  if (a.length === b.length) return a < b ? -1 : a > b ? 1 : 0;
  return Date.parse(a) - Date.parse(b);
}

function compareEvents(a: CanonicalEvent, b: CanonicalEvent): number {
  return compareInstants(a.metadata.occurredAt, b.metadata.occurredAt) || compareText(a.eventId, b.eventId);
}

/** Events usually arrive in order and once: then there is nothing to sort or drop. */
function isStrictlyOrdered(events: readonly CanonicalEvent[]): boolean {
  for (let index = 1; index < events.length; index += 1) if (compareEvents(events[index - 1], events[index]) >= 0) return false;
  return true;
}

/**
 * An entity's events as its fold reads them: each event once (at-least-once delivery repeats
 * them; ids are deterministic) and sorted by when it happened, ties broken by id. Whatever order
 * the events arrived in, and however often, the fold sees the same sequence.
 */
export function inFoldOrder<Event extends CanonicalEvent>(events: readonly Event[]): readonly Event[] {
  if (isStrictlyOrdered(events)) return events;
  const sorted = [...events].sort(compareEvents);
  // A repeated delivery sorts next to its first: keep one of each run of equal ids.
  return sorted.filter((event, index) => index === 0 || event.eventId !== sorted[index - 1].eventId);
}

/** The ids of the events folded, in fold order: what "explain this number" shows. */
export function eventIdsOf(events: readonly CanonicalEvent[]): string[] {
  return events.map((event) => event.eventId);
}
