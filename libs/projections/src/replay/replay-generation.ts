import type { EventStore } from '@tandem/eventstore';
import type { Logger } from '@tandem/observability';
import { LATEST_DEFINITIONS_VERSION, definitionVersions } from '../generations/definitions-version';
import { KPI_PROJECTION } from '../projection-name';
import { BatchProjector, type BatchOutcome } from '../projector/batch-projector';
import { catchUp } from '../projector/catch-up';
import type { ProjectionStore } from '../store/projection-store';

/**
 * Events per batch of a rebuild (the live projector's catch-up takes 2,000): each COMMIT writes the
 * index pages its rows touched, all over the key space, so fewer, larger batches write less
 * (bench/projector.bench.ts measures this size; RSS stays under 512 MB with a 384 MB heap).
 */
const REPLAY_PAGE_SIZE = 5_000;
/**
 * Entity events a rebuild keeps in memory (the live projector keeps 100,000): a rebuild from
 * position 0 knows which entities it has not written yet, so the cache only serves entities whose
 * events straddle batches, and those cluster in time. Measured (bench workload): of 200,000
 * events, 36 entities read back with 100,000 cached and 1,300 with 5,000, the same CPU time, and
 * peak RSS 436 → 318 MB; of 1,000,000, 3,600 entities read back at this size, peak RSS 469 → 360 MB.
 */
const REPLAY_CACHED_EVENTS = 10_000;
/**
 * Batches handed to the store before the earlier ones have committed: the store writes a batch's
 * entity events while the ones before it are folded and committed. With one batch ahead, the
 * projector's thread still waited for each commit before it read and prepared the next page
 * (1,000,000 events, quiet: SQLite 19.1 → 16.4–17.2 s with two ahead, PostgreSQL 25.2 → 24.1 s;
 * peak RSS +30 MB).
 */
const REPLAY_COMMITS_IN_FLIGHT = 3;

export interface ReplayOptions {
  eventStore: EventStore;
  store: ProjectionStore;
  logger?: Logger;
  projection?: string;
  /** The definitions version the new generation computes by default (default: the latest). */
  definitionsVersion?: number;
  /** Events per batch (default 5,000). */
  pageSize?: number;
  /** Bound of the projector's entity-event cache (default 10,000 events). */
  cachedEvents?: number;
  /** After each batch: the generation's position and the store's head when the replay last looked. */
  onProgress?: (position: number, head: number) => void;
  /** Called when the new generation has caught up, just before the swap (tests hold the swap here). */
  beforeSwap?: () => Promise<void> | void;
}

export interface ReplayResult {
  generation: number;
  definitionsVersion: number;
  /** The generations retired by the swap (and dropped). */
  retired: number[];
  position: number;
  events: number;
}

/**
 * `tandem replay`: builds a new generation of the read models beside the live one, from position
 * 0, while the live one keeps answering; once it has caught up with the head, swaps the active
 * generation in one transaction and drops the old one. The live projector finds its generation
 * retired at its next batch and carries on with the new one from where the replay stopped.
 * A failed replay drops what it built; the live generation is untouched.
 */
export async function replayGeneration(options: ReplayOptions): Promise<ReplayResult> {
  const { store, eventStore } = options;
  const projection = options.projection ?? KPI_PROJECTION;
  const definitionsVersion = options.definitionsVersion ?? LATEST_DEFINITIONS_VERSION;
  definitionVersions(definitionsVersion); // refuses an unknown version before anything is written
  const building = await store.createGeneration(projection, definitionsVersion);
  options.logger?.info({ projection, generation: building.generation, definitionsVersion }, 'replay: building a new generation');
  const projector = new BatchProjector({ store, projection, generation: building.generation, position: 0, cachedEvents: options.cachedEvents ?? REPLAY_CACHED_EVENTS });
  let events = 0;
  try {
    let head = await eventStore.headPosition();
    const onBatch = (outcome: BatchOutcome) => {
      events += outcome.events;
      head = Math.max(head, outcome.position);
      options.onProgress?.(outcome.position, head);
    };
    // Catch up, then once more for what was appended meanwhile, until a pass finds nothing new.
    await store.rebuilding(async () => {
      do {
        await catchUp(eventStore, projector, { pageSize: options.pageSize ?? REPLAY_PAGE_SIZE, onBatch, commitsInFlight: REPLAY_COMMITS_IN_FLIGHT });
        head = await eventStore.headPosition();
      } while (projector.position < head);
    });
    await options.beforeSwap?.();
    const retired = await store.activate(projection, building.generation);
    for (const generation of retired) await store.dropGeneration(projection, generation);
    options.logger?.info({ projection, generation: building.generation, retired, position: projector.position }, 'replay: swapped to the new generation');
    return { generation: building.generation, definitionsVersion, retired, position: projector.position, events };
  } catch (error) {
    await store.dropGeneration(projection, building.generation).catch(() => undefined);
    throw error;
  }
}
