import type { EventStore } from '@tandem/eventstore';
import type { Logger } from '@tandem/observability';
import { LATEST_DEFINITIONS_VERSION } from '../generations/definitions-version';
import type { ProjectionMetrics } from '../observability/projection-metrics';
import { isProjectionConflict, type ProjectionStore } from '../store/projection-store';
import { MAX_LISTED_ENTITIES, type ProjectionUpdates } from '../updates/projection-updates';
import { BatchProjector, type BatchOutcome } from './batch-projector';
import { StoreFollower, type FollowRound } from './store-follower';
import { KPI_PROJECTION } from '../projection-name';

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  store: ProjectionStore;
  updates: ProjectionUpdates;
  logger: Logger;
  metrics?: ProjectionMetrics;
  projection?: string;
  /** Events per transaction while catching up (default 2,000); live batches are at most this too. */
  pageSize?: number;
  cachedEvents?: number;
  /** Pause before starting again after a failure (default 1 s). */
  retryDelayMs?: number;
  /** The definitions version of the first generation, when the projection has none (default: the latest). */
  definitionsVersion?: number;
}

/**
 * The live projector: projects the active generation from its stored checkpoint, catching up
 * with `readAll` pages and then following the store's subscription in small batches, and starts
 * again from the stored checkpoint after any failure. A replay's swap retires the generation it
 * writes: its next batch then finds the generation retired, writes nothing, and the runner moves
 * to the new active generation at once.
 */
export class ProjectionRunner {
  private readonly projection: string;
  private readonly follower: StoreFollower<BatchOutcome>;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.projection = options.projection ?? KPI_PROJECTION;
    this.follower = new StoreFollower(options, {
      name: 'projector',
      logFields: { projection: this.projection },
      prepareRound: () => this.prepareRound(),
      isConflict: isProjectionConflict,
    });
  }

  start(): void {
    this.follower.start();
  }

  /** Stops following; the batch in flight is committed (or rolled back) first. */
  stop(): Promise<void> {
    return this.follower.stop();
  }

  /** The active generation (a replay's swap may have changed it) from its stored checkpoint. */
  private async prepareRound(): Promise<FollowRound<BatchOutcome>> {
    const { store } = this.options;
    const active = await store.ensureActiveGeneration(this.projection, this.options.definitionsVersion ?? LATEST_DEFINITIONS_VERSION);
    const projector = new BatchProjector({ store, projection: this.projection, generation: active.generation, position: active.position, cachedEvents: this.options.cachedEvents });
    this.options.metrics?.startedAt(this.projection, active.position);
    return { target: projector, onBatch: this.afterBatch(projector), logFields: { generation: active.generation, position: active.position } };
  }

  /** After each committed batch: metrics, the skipped events, `kpisUpdated`. */
  private afterBatch(projector: BatchProjector): (outcome: BatchOutcome) => Promise<void> {
    return async (outcome) => {
      this.options.metrics?.batch(this.projection, outcome);
      for (const skipped of outcome.unreadable) {
        this.options.logger.error({ err: skipped.error, globalPosition: skipped.globalPosition, projection: this.projection }, 'event is not canonical; not projected');
      }
      try {
        await this.options.updates.publish({
          projection: this.projection,
          generation: projector.generation,
          position: outcome.position,
          entities: outcome.entities.slice(0, MAX_LISTED_ENTITIES),
          entityCount: outcome.entities.length,
          directoryChanged: outcome.directoryChanged,
        });
      } catch (error) {
        // The numbers are committed; a lost notification only delays a subscriber until the next one.
        this.options.logger.warn({ err: error, projection: this.projection }, 'kpisUpdated could not be published');
      }
    };
  }
}
