import type { RecordedEvent } from '@tandem/contracts';
import type { EventStore } from '@tandem/eventstore';
import type { BatchOutcome } from './batch-projector';

export const DEFAULT_PAGE_SIZE = 2_000;

/**
 * What `catchUp` and `LiveBatches` drive: a projector that folds batches in order (`prepare`) and
 * commits each with its checkpoint (`commit`), from `position`. BatchProjector (the KPIs) is one;
 * the recognition projector of apps/projector is another.
 */
export interface BatchTarget<Prepared = unknown, Outcome = BatchOutcome> {
  readonly position: number;
  prepare(events: readonly RecordedEvent[]): Prepared;
  commit(batch: Prepared): Promise<Outcome>;
  project(events: readonly RecordedEvent[]): Promise<Outcome>;
}

export interface CatchUpOptions<Outcome = BatchOutcome> {
  /** Events per `readAll` page, each page one batch (one transaction). */
  pageSize?: number;
  isStopping?: () => boolean;
  /** After each committed batch (publish, progress). */
  onBatch?: (outcome: Outcome) => Promise<void> | void;
  /**
   * Batches handed to `commit` before the earlier ones have committed (a projector whose store
   * applies commits in call order, see ProjectionStore.commitBatch): the store writes what it can
   * of the later batches while it waits. Default 1: one commit at a time.
   */
  commitsInFlight?: number;
}

/**
 * Projects the store from the projector's checkpoint up to the head as it finds it, page by
 * page, and returns once a page comes back short (caught up). Three things overlap: the next page
 * is read, and folded as far as it can be, while the current one commits. Batches still commit one
 * after the other, in order; a failed commit ends the catch-up, and a batch handed over after it
 * (`commitsInFlight`) fails too: it was planned on the checkpoint the failed one would have left.
 */
export async function catchUp<Prepared, Outcome>(eventStore: EventStore, projector: BatchTarget<Prepared, Outcome>, options: CatchUpOptions<Outcome> = {}): Promise<void> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const inFlight = Math.max(1, options.commitsInFlight ?? 1);
  let page = await eventStore.readAll({ after: projector.position, limit: pageSize });
  // Oldest first.
  const committing: Settled<Outcome>[] = [];
  try {
    while (page.length > 0 && !options.isStopping?.()) {
      const next = page.length < pageSize ? null : settled(eventStore.readAll({ after: page[page.length - 1].globalPosition, limit: pageSize }));
      const prepared = projector.prepare(page);
      if (committing.length === inFlight) await committed(committing.shift()!, options);
      committing.push(settled(projector.commit(prepared)));
      if (next === null) break;
      page = await unwrap(next);
    }
    while (committing.length > 0) await committed(committing.shift()!, options);
  } finally {
    // Never return with a commit in flight: whoever starts again reads the checkpoint it leaves.
    await Promise.all(committing);
  }
}

/** Waits for a commit (rethrowing its failure), then reports it. */
async function committed<Outcome>(committing: Settled<Outcome>, options: CatchUpOptions<Outcome>): Promise<void> {
  const outcome = await unwrap(committing);
  await options.onBatch?.(outcome);
}

type Settled<T> = Promise<{ ok: true; value: T } | { ok: false; error: unknown }>;

/** Work started ahead (a read, a commit) must not become an unhandled rejection while something else is awaited. */
function settled<T>(work: Promise<T>): Settled<T> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function unwrap<T>(pending: Settled<T>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw result.error;
  return result.value;
}
