import type { CanonicalEvent, RecordedEvent } from '@tandem/contracts';
import { factsOf, kindOfKey } from '@tandem/metrics';
import type { BatchWrite, DirectoryEventRow, EntityEventRow, FactsRow, ProjectionStore } from '../store/projection-store';
import { EntityEventCache } from './entity-event-cache';
import { parseStoredEvent, sortEvents, unionById } from './projected-events';

/** What a committed batch changed: what `kpisUpdated` tells subscribers. */
export interface BatchOutcome {
  generation: number;
  /** The checkpoint after the batch. */
  position: number;
  /** Entities refolded by the batch, sorted. */
  entities: string[];
  directoryChanged: boolean;
  /** Store events in the batch (repeats included). */
  events: number;
  /** Events that are not canonical (unknown type, failed upcast): skipped, with their position. */
  unreadable: { globalPosition: number; error: unknown }[];
  /** Time to fold and commit the batch. */
  seconds: number;
}

export interface BatchProjectorOptions {
  store: ProjectionStore;
  projection: string;
  generation: number;
  /** The generation's checkpoint when this projector takes over. */
  position: number;
  /** Bound of the cache of recently touched entities' events (default 100,000 events). */
  cachedEvents?: number;
  /** Runs inside each batch's transaction after its writes (tests: throw to simulate a crash). */
  beforeCommit?: () => void;
}

/**
 * Projects batches of store events into one generation of the KPI read models. Each batch is one
 * transaction: the events under their entity (`projection_entity_events`, an event already there
 * is a no-op), each touched entity refolded from all its events by the metrics core's `factsOf`
 * (`projection_entity_facts`), the directory's events (`projection_directory_events`) and the
 * checkpoint. Delivering an event twice, or in another order, gives the same rows: an entity's
 * facts are a pure function of the set of its events.
 */
export class BatchProjector {
  private committedPosition: number;
  private readonly cache: EntityEventCache;

  constructor(private readonly options: BatchProjectorOptions) {
    this.committedPosition = options.position;
    this.cache = new EntityEventCache(options.cachedEvents);
  }

  get generation(): number {
    return this.options.generation;
  }

  /** The checkpoint this projector has committed. */
  get position(): number {
    return this.committedPosition;
  }

  async project(events: readonly RecordedEvent[]): Promise<BatchOutcome> {
    const started = performance.now();
    const sorted = sortEvents(events);
    const position = events.reduce((highest, event) => Math.max(highest, event.globalPosition), this.committedPosition);
    const keys = [...sorted.byEntity.keys()].sort();
    const merged = new Map<string, CanonicalEvent[]>();
    const write: BatchWrite = {
      generation: this.options.generation,
      expectedPosition: this.committedPosition,
      position,
      entityEvents: entityEventRows(sorted.byEntity),
      directoryEvents: sorted.directory.map(directoryEventRow),
      keysToLoad: keys.filter((key) => this.cache.get(key) === undefined),
      refold: (earlier) => {
        const rows: FactsRow[] = [];
        for (const key of keys) {
          const known = this.cache.get(key) ?? (earlier.get(key) ?? []).map(parseStoredEvent);
          const all = unionById(known, sorted.byEntity.get(key) ?? []);
          merged.set(key, all);
          const row = factsRow(key, all);
          if (row) rows.push(row);
        }
        return rows;
      },
      beforeCommit: this.options.beforeCommit,
    };
    try {
      await this.options.store.commitBatch(this.options.projection, write);
    } catch (error) {
      // The cache may not hold what was not committed (refold read it already); drop it all.
      this.cache.clear();
      throw error;
    }
    for (const [key, all] of merged) this.cache.set(key, all);
    this.committedPosition = position;
    return {
      generation: this.options.generation,
      position,
      entities: keys,
      directoryChanged: sorted.directory.length > 0,
      events: events.length,
      unreadable: sorted.unreadable,
      seconds: (performance.now() - started) / 1_000,
    };
  }
}

function entityEventRows(byEntity: ReadonlyMap<string, readonly CanonicalEvent[]>): EntityEventRow[] {
  const rows: EntityEventRow[] = [];
  for (const [entityKey, events] of byEntity) {
    for (const event of events) {
      rows.push({ entityKey, eventId: event.eventId, globalPosition: event.globalPosition, occurredAt: event.metadata.occurredAt, json: JSON.stringify(event) });
    }
  }
  return rows;
}

function directoryEventRow(event: CanonicalEvent): DirectoryEventRow {
  return { eventId: event.eventId, globalPosition: event.globalPosition, json: JSON.stringify(event) };
}

/** The row's revision is the last position among the entity's events: the same whatever order they came in. */
function factsRow(key: string, events: readonly CanonicalEvent[]): FactsRow | null {
  const facts = factsOf(key, events);
  if (facts === null) return null;
  const lastPosition = events.reduce((highest, event) => Math.max(highest, event.globalPosition), 0);
  return { entityKey: key, kind: kindOfKey(key), facts: JSON.stringify(facts), lastPosition };
}
