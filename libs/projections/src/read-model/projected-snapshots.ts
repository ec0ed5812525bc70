import type { CanonicalEvent } from '@tandem/contracts';
import { buildDirectory, Directory, isDirectoryEvent, type DirectoryEvent } from '@tandem/directory';
import { buildMetricModel, type EntityFacts, type MetricModel } from '@tandem/metrics';
import { LATEST_DEFINITIONS_VERSION } from '../generations/definitions-version';
import type { GenerationInfo, ProjectionStore } from '../store/projection-store';

/** The read models of one checkpoint, assembled for queries. */
export interface Snapshot {
  /** 0 when the projection has no active generation yet. */
  generation: number;
  /** The checkpoint the snapshot holds at least. */
  position: number;
  definitionsVersion: number;
  directory: Directory;
  model: MetricModel;
}

const EMPTY_DIRECTORY = Directory.empty();

export interface ProjectedSnapshotsOptions {
  /**
   * How old a checkpoint the answers may be: a snapshot whose checkpoint was read as the active
   * one at most this long ago answers without waiting (default 0: every query reads the checkpoint).
   * The checkpoint is read again, in the background, once half of it has passed; a new snapshot is
   * assembled and prepared meanwhile, and swapped in when ready.
   */
  maxStalenessMs?: number;
  /** Runs on a new snapshot before it is swapped in (warming caches), when maxStalenessMs lets queries use the previous one meanwhile. */
  prepare?: (next: Snapshot) => Promise<void>;
}

/**
 * The active generation's facts and directory, assembled into the metric model once per
 * (generation, checkpoint). Between checkpoints only the facts rows written since are read
 * (`last_position` > the checkpoint held, an index range), so following a live projection costs
 * the rows it changed, not the whole table; a new generation (after a replay's swap) is read whole.
 */
export class ProjectedSnapshots {
  private current?: Snapshot;
  /** When the current snapshot's checkpoint was last read as the active one (the read's start). */
  private confirmedAt = Number.NEGATIVE_INFINITY;
  private checking?: { startedAt: number; snapshot: Promise<Snapshot> };
  private refreshing?: Promise<Snapshot>;
  /**
   * Each entity's facts as the store holds them (JSON), in Buffers: off the JS heap, and parsed only
   * while a model is assembled. Kept parsed, beside the model, they made the API's heap half as
   * large again (a year of a 500-person organisation: ~1.0 GB with them, ~0.7 GB without), and
   * every young-generation collection's pause grows with the heap's size (its pages are visited);
   * parsing them again costs a fraction of assembling the model.
   */
  private readonly facts = new Map<string, Buffer>();
  private readonly directoryEvents: DirectoryEvent[] = [];
  private loaded = { generation: 0, position: 0, directoryPosition: 0 };
  private directory = EMPTY_DIRECTORY;
  private readonly maxStalenessMs: number;

  constructor(
    private readonly store: ProjectionStore,
    private readonly projection: string,
    private readonly options: ProjectedSnapshotsOptions = {},
  ) {
    this.maxStalenessMs = options.maxStalenessMs ?? 0;
  }

  /** The active generation and its checkpoint, without assembling anything. */
  async active(): Promise<GenerationInfo | undefined> {
    return (await this.store.generations(this.projection)).find((generation) => generation.state === 'active');
  }

  /** The snapshot of the active generation's checkpoint, read at most maxStalenessMs ago (concurrent callers share one refresh). */
  async latest(): Promise<Snapshot> {
    const now = performance.now();
    const current = this.current;
    const age = now - this.confirmedAt;
    if (current && age < this.maxStalenessMs / 2) return current;
    const checked = this.check(now);
    if (current && age < this.maxStalenessMs) {
      // Answered from the current snapshot; a failed check shows to the first query past the bound.
      checked.catch(() => undefined);
      return current;
    }
    return checked;
  }

  /** Reads the checkpoint (a read begun within the staleness bound is shared) and refreshes when it moved. */
  private check(now: number): Promise<Snapshot> {
    if (this.checking && now - this.checking.startedAt <= this.maxStalenessMs) return this.checking.snapshot;
    const snapshot: Promise<Snapshot> = this.checkFrom(now).finally(() => {
      if (this.checking?.snapshot === snapshot) this.checking = undefined;
    });
    this.checking = { startedAt: now, snapshot };
    return snapshot;
  }

  private async checkFrom(startedAt: number): Promise<Snapshot> {
    const active = await this.active();
    if (!active) return this.empty();
    const current = this.current;
    if (current && current.generation === active.generation && current.position === active.position) {
      this.confirmedAt = Math.max(this.confirmedAt, startedAt);
      return current;
    }
    this.refreshing ??= this.refresh(active, startedAt).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refresh(active: GenerationInfo, readAt: number): Promise<Snapshot> {
    for (let target: GenerationInfo | undefined = active; target; target = await this.active()) {
      await this.load(target);
      // A swap drops the old generation after retiring it: if ours is still active, what we read was whole.
      const still = await this.active();
      if (still?.generation === target.generation) {
        const model = buildMetricModel(parsedFacts(this.facts.values()), this.directory);
        const next = { generation: target.generation, position: target.position, definitionsVersion: target.definitionsVersion, directory: this.directory, model };
        if (this.maxStalenessMs > 0 && this.current) await this.options.prepare?.(next);
        this.current = next;
        this.confirmedAt = target === active ? readAt : Number.NEGATIVE_INFINITY;
        return next;
      }
    }
    return this.empty();
  }

  private async load(target: GenerationInfo): Promise<void> {
    if (this.loaded.generation !== target.generation) {
      this.facts.clear();
      this.directoryEvents.length = 0;
      this.directory = EMPTY_DIRECTORY;
      this.loaded = { generation: target.generation, position: 0, directoryPosition: 0 };
    }
    for (const row of await this.store.factsSince(target.generation, this.loaded.position)) this.facts.set(row.entityKey, Buffer.from(row.facts));
    const added = await this.store.directoryEventsSince(target.generation, this.loaded.directoryPosition);
    if (added.length > 0) {
      for (const row of added) {
        const event = JSON.parse(row.json) as CanonicalEvent;
        if (isDirectoryEvent(event)) this.directoryEvents.push(event);
      }
      this.directory = buildDirectory(this.directoryEvents);
      this.loaded.directoryPosition = added[added.length - 1].globalPosition;
    }
    // Rows a batch committed after `target.position` was read may be in already; reading them again next time is harmless.
    this.loaded.position = target.position;
  }

  private empty(): Snapshot {
    return { generation: 0, position: 0, definitionsVersion: LATEST_DEFINITIONS_VERSION, directory: EMPTY_DIRECTORY, model: buildMetricModel([], EMPTY_DIRECTORY) };
  }
}

function* parsedFacts(texts: Iterable<Buffer>): Iterable<EntityFacts> {
  for (const text of texts) yield JSON.parse(text.toString('utf8')) as EntityFacts;
}
