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

/**
 * The active generation's facts and directory, assembled into the metric model once per
 * (generation, checkpoint). Between checkpoints only the facts rows written since are read
 * (`last_position` > the checkpoint held, an index range), so following a live projection costs
 * the rows it changed, not the whole table; a new generation (after a replay's swap) is read whole.
 */
export class ProjectedSnapshots {
  private current?: Snapshot;
  private refreshing?: Promise<Snapshot>;
  private readonly facts = new Map<string, EntityFacts>();
  private readonly directoryEvents: DirectoryEvent[] = [];
  private loaded = { generation: 0, position: 0, directoryPosition: 0 };
  private directory = EMPTY_DIRECTORY;
  private assembledAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: ProjectionStore,
    private readonly projection: string,
    private readonly maxStalenessMs = 0,
  ) {}

  /** The active generation and its checkpoint, without assembling anything. */
  async active(): Promise<GenerationInfo | undefined> {
    return (await this.store.generations(this.projection)).find((generation) => generation.state === 'active');
  }

  /** The snapshot of the active generation's current checkpoint (concurrent callers share one refresh). */
  async latest(): Promise<Snapshot> {
    if (this.current && performance.now() - this.assembledAt < this.maxStalenessMs) return this.current;
    const active = await this.active();
    if (!active) return this.empty();
    const current = this.current;
    if (current && current.generation === active.generation && current.position === active.position) {
      this.assembledAt = performance.now();
      return current;
    }
    this.refreshing ??= this.refresh(active).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refresh(active: GenerationInfo): Promise<Snapshot> {
    for (let target: GenerationInfo | undefined = active; target; target = await this.active()) {
      await this.load(target);
      // A swap drops the old generation after retiring it: if ours is still active, what we read was whole.
      const still = await this.active();
      if (still?.generation === target.generation) {
        const model = buildMetricModel(this.facts.values(), this.directory);
        this.current = { generation: target.generation, position: target.position, definitionsVersion: target.definitionsVersion, directory: this.directory, model };
        this.assembledAt = performance.now();
        return this.current;
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
    for (const row of await this.store.factsSince(target.generation, this.loaded.position)) this.facts.set(row.entityKey, JSON.parse(row.facts) as EntityFacts);
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
