import type { CanonicalEvent } from '@tandem/contracts';
import { Directory, isDirectoryEvent } from '@tandem/directory';
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
  // Commit order, then each event once: a stored event has one position, so copies end up side by side.
  const ordered = [...events].sort((a, b) => a.globalPosition - b.globalPosition || compareCodeUnits(a.eventId, b.eventId));
  const unique = ordered.filter((event, index) => index === 0 || event.eventId !== ordered[index - 1].eventId);
  if (asOf === undefined && unique.length === 0) throw new ReportsError('REPORTS_EMPTY_HISTORY', 'The event store holds no events yet: there is nothing to export or report.');
  const asOfIso = asOf === undefined ? latestRecordedAt(unique) : canonicalInstant(asOf, optionName);
  const asOfMs = Date.parse(asOfIso);
  const recorded = unique.filter((event) => recordedAtOrBefore(event.recordedAt, asOfIso, asOfMs));
  const position = recorded.at(-1)?.globalPosition ?? 0;
  return { events: recorded, asOf: asOfIso, position, directory: Directory.empty().apply(recorded.flatMap((event) => (isDirectoryEvent(event) ? [event] : []))) };
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
