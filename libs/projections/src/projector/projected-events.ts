import { readCanonicalEvent, type CanonicalEvent, type RecordedEvent } from '@tandem/contracts';
import { isDirectoryEvent } from '@tandem/directory';
import { entityKeyOf } from '@tandem/metrics';

/** What a batch of store events means to the KPI projection. */
export interface SortedEvents {
  /** Per entity key, its events of the batch, each once. */
  byEntity: Map<string, CanonicalEvent[]>;
  directory: CanonicalEvent[];
  /** Events of no projected kind (recognition, CI runs …) and events that are not canonical. */
  ignored: number;
  unreadable: { globalPosition: number; error: unknown }[];
}

/**
 * Sorts a batch: each event upcasted to the current schema (`readCanonicalEvent`) and filed under
 * its entity (`entityKeyOf` of the metrics core) or the directory. An event the contracts cannot
 * read is reported, not projected: one bad row must not stop every KPI (the caller logs it).
 */
export function sortEvents(events: readonly RecordedEvent[]): SortedEvents {
  const sorted: SortedEvents = { byEntity: new Map(), directory: [], ignored: 0, unreadable: [] };
  for (const recorded of events) {
    let event: CanonicalEvent;
    try {
      event = readCanonicalEvent(recorded);
    } catch (error) {
      sorted.unreadable.push({ globalPosition: recorded.globalPosition, error });
      continue;
    }
    const key = entityKeyOf(event);
    if (key !== null) {
      const group = sorted.byEntity.get(key);
      if (!group) sorted.byEntity.set(key, [event]);
      else if (!group.some((known) => known.eventId === event.eventId)) group.push(event);
    } else if (isDirectoryEvent(event)) {
      sorted.directory.push(event);
    } else {
      sorted.ignored += 1;
    }
  }
  return sorted;
}

/** Stored events are our own JSON of canonical events, already upcasted when they were projected. */
export function parseStoredEvent(json: string): CanonicalEvent {
  return JSON.parse(json) as CanonicalEvent;
}

/** An entity's events, earlier and new, each once (delivery is at least once). */
export function unionById(earlier: readonly CanonicalEvent[], added: readonly CanonicalEvent[]): CanonicalEvent[] {
  if (earlier.length === 0) return [...added];
  const known = new Set(earlier.map((event) => event.eventId));
  const merged = [...earlier];
  for (const event of added) if (!known.has(event.eventId)) merged.push(event);
  return merged;
}
