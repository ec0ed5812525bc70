import type { CanonicalEvent } from '@tandem/contracts';
import { Directory, isDirectoryEvent, type DirectoryEvent } from '@tandem/directory';
import { ReportsError } from '../reports-error';
import { compareCodeUnits } from './canonical-json';
import { canonicalInstant } from './instants';

/** The event history a snapshot or report is a function of. */
export interface History {
  /** Each event once, in the store's commit order. */
  events: readonly CanonicalEvent[];
  /** The instant the history is taken at (canonical ISO). */
  asOf: string;
  /** The highest global position recorded at or before `asOf` (0 for none). */
  position: number;
  /** The organisation as of `asOf`. */
  directory: Directory;
}

/**
 * The history recorded at or before `asOf` (default: the latest recordedAt given). Events may come
 * in any order and more than once (a re-read page, a replay): they are deduplicated by id and put
 * back in commit order, so the same history gives the same snapshot however it was delivered.
 */
export function historyUpTo(events: readonly CanonicalEvent[], asOf?: string, optionName = '--as-of'): History {
  const unique = inCommitOrder(events);
  if (asOf === undefined && unique.length === 0) throw new ReportsError('REPORTS_EMPTY_HISTORY', 'The event store holds no events yet: there is nothing to export or report.');
  const asOfIso = asOf === undefined ? latestRecordedAt(unique) : canonicalInstant(asOf, optionName);
  const asOfMs = Date.parse(asOfIso);
  // Taken at the latest recordedAt, the history is every event: nothing to filter out.
  const recorded = asOf === undefined ? unique : unique.filter((event) => recordedAtOrBefore(event.recordedAt, asOfIso, asOfMs));
  const position = recorded.at(-1)?.globalPosition ?? 0;
  const directoryEvents: DirectoryEvent[] = [];
  for (const event of recorded) if (isDirectoryEvent(event)) directoryEvents.push(event);
  return { events: recorded, asOf: asOfIso, position, directory: Directory.empty().apply(directoryEvents) };
}

function compareCommitOrder(a: CanonicalEvent, b: CanonicalEvent): number {
  return a.globalPosition - b.globalPosition || compareCodeUnits(a.eventId, b.eventId);
}

/**
 * Commit order, then each event once: a stored event has one position, so copies end up side by
 * side. A store reads its events in commit order and once, so they are usually given that way:
 * then one pass checks it, and there is nothing to copy, sort or drop.
 */
function inCommitOrder(events: readonly CanonicalEvent[]): readonly CanonicalEvent[] {
  let ordered = true;
  for (let index = 1; index < events.length && ordered; index += 1) ordered = compareCommitOrder(events[index - 1], events[index]) < 0;
  if (ordered) return events;
  const sorted = [...events].sort(compareCommitOrder);
  return sorted.filter((event, index) => index === 0 || event.eventId !== sorted[index - 1].eventId);
}

/** Canonical ISO instants compare as text (a rebuild reads hundreds of thousands); any other form is parsed. */
function recordedAtOrBefore(recordedAt: string, asOfIso: string, asOfMs: number): boolean {
  return CANONICAL_INSTANT.test(recordedAt) ? recordedAt <= asOfIso : Date.parse(recordedAt) <= asOfMs;
}

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function latestRecordedAt(events: readonly CanonicalEvent[]): string {
  let latestText = '';
  let latestMs = Number.NEGATIVE_INFINITY;
  for (const { recordedAt } of events) {
    if (CANONICAL_INSTANT.test(recordedAt)) latestText = recordedAt > latestText ? recordedAt : latestText;
    else latestMs = Math.max(latestMs, Date.parse(recordedAt));
  }
  return new Date(Math.max(latestMs, latestText === '' ? Number.NEGATIVE_INFINITY : Date.parse(latestText))).toISOString();
}
