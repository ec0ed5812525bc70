import type { CanonicalEvent, RecordedEvent } from '@tandem/contracts';
import { factsOf, kindOfKey } from '@tandem/metrics';
import type { BatchWrite, DirectoryEventRow, EntityEventRow, FactsRow, ProjectionStore } from '../store/projection-store';
import { EntityEventCache } from './entity-event-cache';
import { parseStoredEvent, sortEvents, unionById } from './projected-events';
import { WrittenEntities } from './written-entities';

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
  /** The generation's checkpoint when this projector takes over (0: the generation is empty, e.g. a rebuild's). */
  position: number;
  /** Bound of the cache of recently touched entities' events (default 100,000 events). */
  cachedEvents?: number;
  /** Runs inside each batch's transaction after its writes (tests: throw to simulate a crash). */
  beforeCommit?: () => void;
}

/** A batch folded as far as it can be before its transaction; `commit` writes it. */
export interface PreparedBatch {
  readonly write: BatchWrite;
  readonly keys: readonly string[];
  /** Each touched entity's events, earlier and new: known now, or (loaded keys) once refolded in the transaction. */
  readonly merged: Map<string, readonly CanonicalEvent[]>;
  readonly outcome: Omit<BatchOutcome, 'seconds'>;
  readonly started: number;
}

/**
 * An entity's events as the last prepared batch touching it leaves them: known at once, or (the
 * batch reads the entity in its transaction) in that batch's `merged` once it has committed.
 */
type Planned = { batch: PreparedBatch['merged']; events: readonly CanonicalEvent[] | undefined };

/**
 * Projects batches of store events into one generation of the KPI read models. Each batch is one
 * transaction: the events under their entity (`projection_entity_events`, an event already there
 * is a no-op), each touched entity refolded from all its events by the metrics core's `factsOf`
 * (`projection_entity_facts`), the directory's events (`projection_directory_events`) and the
 * checkpoint. Delivering an event twice, or in another order, gives the same rows: an entity's
 * facts are a pure function of the set of its events.
 *
 * `project` prepares and commits one batch. A rebuild prepares the next batch while the previous
 * one commits (`prepare`, then `commit` in order): whatever can be folded from the entity events
 * this process holds is folded outside the transaction, overlapping the database's work.
 */
export class BatchProjector {
  private committedPosition: number;
  private plannedPosition: number;
  private readonly cache: EntityEventCache;
  /** Entities of prepared batches not committed yet: the events they will have once those commit. */
  private readonly planned = new Map<string, Planned>();
  /** Taking over an empty generation: the entities written since, so that new ones are not read back. */
  private readonly written: WrittenEntities | null;

  constructor(private readonly options: BatchProjectorOptions) {
    this.committedPosition = options.position;
    this.plannedPosition = options.position;
    this.cache = new EntityEventCache(options.cachedEvents);
    this.written = options.position === 0 ? new WrittenEntities() : null;
  }

  get generation(): number {
    return this.options.generation;
  }

  /** The checkpoint this projector has committed. */
  get position(): number {
    return this.committedPosition;
  }

  async project(events: readonly RecordedEvent[]): Promise<BatchOutcome> {
    return this.commit(this.prepare(events));
  }

  /**
   * Folds a batch after the batches prepared before it. Entities whose events are known (held in
   * memory, or planned by an earlier batch) are refolded now; the others inside the transaction,
   * when every earlier batch has committed: from the earlier batch that read them, or read there.
   */
  prepare(events: readonly RecordedEvent[]): PreparedBatch {
    const started = performance.now();
    const sorted = sortEvents(events);
    const position = events.reduce((highest, event) => Math.max(highest, event.globalPosition), this.plannedPosition);
    const keys = [...sorted.byEntity.keys()].sort();
    const merged = new Map<string, readonly CanonicalEvent[]>();
    const factsNow: FactsRow[] = [];
    const keysToLoad: string[] = [];
    // Entities an earlier, uncommitted batch reads in its transaction: their events are that batch's, once it has committed.
    const afterEarlierBatch: [string, ReadonlyMap<string, readonly CanonicalEvent[]>][] = [];
    const foldedAlone = new Map<string, { events: readonly CanonicalEvent[]; row: FactsRow | null }>();
    for (const key of keys) {
      const planned = this.planned.get(key);
      if (planned && planned.events === undefined) {
        afterEarlierBatch.push([key, planned.batch]);
        this.planned.set(key, { batch: merged, events: undefined });
        continue;
      }
      const known = planned ? planned.events : (this.cache.get(key) ?? this.nothingStored(key));
      this.written?.add(key);
      if (known === undefined) {
        keysToLoad.push(key);
        this.planned.set(key, { batch: merged, events: undefined });
        // Most entities read in the transaction turn out to be new (the database has none of their events): fold them now as such.
        const alone = sorted.byEntity.get(key) ?? [];
        foldedAlone.set(key, { events: alone, row: factsRow(key, alone) });
        continue;
      }
      const all = unionById(known, sorted.byEntity.get(key) ?? []);
      merged.set(key, all);
      this.planned.set(key, { batch: merged, events: all });
      const row = factsRow(key, all);
      if (row) factsNow.push(row);
    }
    const refoldLater = (key: string, earlier: readonly CanonicalEvent[], rows: FactsRow[]) => {
      const all = unionById(earlier, sorted.byEntity.get(key) ?? []);
      merged.set(key, all);
      const row = factsRow(key, all);
      if (row) rows.push(row);
    };
    const write: BatchWrite = {
      generation: this.options.generation,
      expectedPosition: this.plannedPosition,
      position,
      entityEvents: entityEventRows(sorted.byEntity),
      directoryEvents: sorted.directory.map(directoryEventRow),
      keysToLoad,
      // When the batch commits (see BatchWrite.refold): every batch prepared before this one has committed.
      refold: (earlier) => {
        const rows = [...factsNow];
        for (const key of keysToLoad) {
          const stored = earlier.get(key);
          const alone = foldedAlone.get(key);
          if (stored === undefined && alone) {
            merged.set(key, alone.events);
            if (alone.row) rows.push(alone.row);
          } else {
            refoldLater(key, (stored ?? []).map(parseStoredEvent), rows);
          }
        }
        for (const [key, batch] of afterEarlierBatch) {
          const earlierEvents = batch.get(key);
          // Only if batches were committed out of order: refuse (roll back) rather than fold an entity from part of its events.
          if (earlierEvents === undefined) throw new Error(`${key}: the batch before this one has not committed; commit batches in the order they were prepared`);
          refoldLater(key, earlierEvents, rows);
        }
        return rows;
      },
      beforeCommit: this.options.beforeCommit,
    };
    this.plannedPosition = position;
    const outcome = { generation: this.options.generation, position, entities: keys, directoryChanged: sorted.directory.length > 0, events: events.length, unreadable: sorted.unreadable };
    return { write, keys, merged, outcome, started };
  }

  /** No earlier events (an entity this projector has never written into its empty generation), or undefined: unknown. */
  private nothingStored(key: string): readonly CanonicalEvent[] | undefined {
    return this.written !== null && !this.written.mayHave(key) ? NO_EVENTS : undefined;
  }

  /** Commits a prepared batch; batches must be committed in the order they were prepared. */
  async commit(batch: PreparedBatch): Promise<BatchOutcome> {
    try {
      await this.options.store.commitBatch(this.options.projection, batch.write);
    } catch (error) {
      // Neither the cache nor the plans may outlive a batch that did not commit: later batches were planned on it.
      this.cache.clear();
      this.planned.clear();
      this.plannedPosition = this.committedPosition;
      throw error;
    }
    for (const key of batch.keys) {
      const all = batch.merged.get(key);
      if (all) this.cache.set(key, all);
      // A later batch's plan for the entity stays; this batch's is now the cache's.
      if (this.planned.get(key)?.batch === batch.merged) this.planned.delete(key);
    }
    this.committedPosition = batch.write.position;
    return { ...batch.outcome, seconds: (performance.now() - batch.started) / 1_000 };
  }
}

const NO_EVENTS: readonly CanonicalEvent[] = Object.freeze([]);

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
