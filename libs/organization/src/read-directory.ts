import { readCanonicalEvent } from '@tandem/contracts';
import { buildDirectory, isDirectoryEvent, type Directory, type DirectoryEvent } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';

/** Events per page: large enough to make few round trips, small enough to keep memory flat. */
const PAGE_SIZE = 5_000;

/**
 * The directory as the store knows it now: the fold of every directory event in global order.
 * Directory events are a small share of a store, but the port has no category read, so this
 * pages through everything once; a projection with its own checkpoint replaces it when the
 * directory read model exists.
 */
export async function readDirectory(eventStore: EventStore): Promise<Directory> {
  const events: DirectoryEvent[] = [];
  for (let after = 0; ; ) {
    const page = await eventStore.readAll({ after, limit: PAGE_SIZE });
    for (const recorded of page) {
      if (!isDirectoryEvent(recorded)) continue;
      const event = readCanonicalEvent(recorded);
      if (isDirectoryEvent(event)) events.push(event);
    }
    if (page.length < PAGE_SIZE) return buildDirectory(events);
    after = page[page.length - 1].globalPosition;
  }
}
