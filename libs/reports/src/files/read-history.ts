import { readCanonicalEvent, type CanonicalEvent } from '@tandem/contracts';
import type { EventStore } from '@tandem/eventstore';

const PAGE_SIZE = 5_000;

/**
 * Every event of the store in commit order, lifted to the current schema (the input of
 * `buildSnapshot` and `buildReport`, which leave out what was recorded after their asOf). Reads
 * the whole store: fine for the event volume of one organisation (a year of the benchmark's
 * 50 teams is a few hundred thousand events); a read-model-backed export is the next step past that.
 */
export async function readAllEvents(eventStore: Pick<EventStore, 'readAll'>): Promise<CanonicalEvent[]> {
  const events: CanonicalEvent[] = [];
  for (let after = 0; ; ) {
    const page = await eventStore.readAll({ after, limit: PAGE_SIZE });
    if (page.length === 0) return events;
    for (const event of page) events.push(readCanonicalEvent(event));
    after = page[page.length - 1].globalPosition;
  }
}
