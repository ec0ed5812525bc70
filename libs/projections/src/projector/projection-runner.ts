import type { EventStore } from '@tandem/eventstore';
import type { Logger } from '@tandem/observability';
import { LATEST_DEFINITIONS_VERSION } from '../generations/definitions-version';
import type { ProjectionMetrics } from '../observability/projection-metrics';
import { isProjectionConflict, type ProjectionStore } from '../store/projection-store';
import { MAX_LISTED_ENTITIES, type ProjectionUpdates } from '../updates/projection-updates';
import { BatchProjector, type BatchOutcome } from './batch-projector';
import { catchUp, DEFAULT_PAGE_SIZE } from './catch-up';
import { LiveBatches } from './live-batches';
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
  private stopping = false;
  private live?: LiveBatches;
  private running?: Promise<void>;
  private wakeUp?: () => void;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.projection = options.projection ?? KPI_PROJECTION;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Stops following; the batch in flight is committed (or rolled back) first. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.live?.stop();
    await this.running;
  }

  private async run(): Promise<void> {
    const { store, eventStore, logger } = this.options;
    while (!this.stopping) {
      try {
        const active = await store.ensureActiveGeneration(this.projection, this.options.definitionsVersion ?? LATEST_DEFINITIONS_VERSION);
        const projector = new BatchProjector({ store, projection: this.projection, generation: active.generation, position: active.position, cachedEvents: this.options.cachedEvents });
        this.options.metrics?.startedAt(this.projection, active.position);
        logger.info({ projection: this.projection, generation: active.generation, position: active.position }, 'projector catching up');
        const onBatch = this.afterBatch(projector);
        await catchUp(eventStore, projector, { pageSize: this.options.pageSize ?? DEFAULT_PAGE_SIZE, isStopping: () => this.stopping, onBatch });
        if (this.stopping) return;
        logger.info({ projection: this.projection, generation: active.generation, position: projector.position }, 'projector caught up; following live');
        this.live = new LiveBatches(eventStore, projector, { maxBatch: this.options.pageSize ?? DEFAULT_PAGE_SIZE, onBatch });
        await this.live.done;
      } catch (error) {
        if (this.stopping) return;
        if (isProjectionConflict(error)) {
          // A swap or another instance moved on: nothing was written; start from what is stored now.
          logger.info({ projection: this.projection, reason: (error as Error).message }, 'projector starting again from the stored checkpoint');
          continue;
        }
        logger.error({ err: error, projection: this.projection }, 'projector failed; starting again from the stored checkpoint');
        await this.pause(this.options.retryDelayMs ?? 1_000);
      }
    }
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

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
