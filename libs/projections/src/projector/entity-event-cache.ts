import type { CanonicalEvent } from '@tandem/contracts';
import { LRUCache } from 'lru-cache';

/** Default bound: about 100 MB of parsed events, which keeps a rebuild's resident memory near 400 MB. */
export const DEFAULT_CACHED_EVENTS = 100_000;

/**
 * The committed events of recently touched entities, so that refolding an entity rarely reads
 * its earlier events back from the database (an entity's events cluster in time: a PR's over a
 * day, an incident's over hours). Bounded by the number of events held, least recently used
 * entities first out. It only ever holds what was committed: entries are set after COMMIT and
 * the whole cache is dropped when a batch fails.
 */
export class EntityEventCache {
  private readonly entries: LRUCache<string, readonly CanonicalEvent[]>;

  constructor(maxEvents = DEFAULT_CACHED_EVENTS) {
    this.entries = new LRUCache({ maxSize: maxEvents, sizeCalculation: (events) => Math.max(1, events.length) });
  }

  get(key: string): readonly CanonicalEvent[] | undefined {
    return this.entries.get(key);
  }

  /** An entity bigger than the whole cache is simply not kept. */
  set(key: string, events: readonly CanonicalEvent[]): void {
    this.entries.set(key, events);
  }

  clear(): void {
    this.entries.clear();
  }
}
