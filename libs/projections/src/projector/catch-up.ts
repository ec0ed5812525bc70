import type { RecordedEvent } from '@tandem/contracts';
import type { EventStore } from '@tandem/eventstore';
import type { BatchOutcome, BatchProjector } from './batch-projector';

export const DEFAULT_PAGE_SIZE = 2_000;

export interface CatchUpOptions {
  /** Events per `readAll` page, each page one batch (one transaction). */
  pageSize?: number;
  isStopping?: () => boolean;
  /** After each committed batch (publish, progress). */
  onBatch?: (outcome: BatchOutcome) => Promise<void> | void;
}

/**
 * Projects the store from the projector's checkpoint up to the head as it finds it, page by
 * page, and returns once a page comes back short (caught up). The next page is read while the
 * current one is written: reading and writing overlap, which is most of a rebuild's time.
 */
export async function catchUp(eventStore: EventStore, projector: BatchProjector, options: CatchUpOptions = {}): Promise<void> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  let page = await eventStore.readAll({ after: projector.position, limit: pageSize });
  while (page.length > 0 && !options.isStopping?.()) {
    const last = page[page.length - 1].globalPosition;
    const next = page.length < pageSize ? null : settled(eventStore.readAll({ after: last, limit: pageSize }));
    const outcome = await projector.project(page);
    await options.onBatch?.(outcome);
    if (next === null) return;
    page = await unwrap(next);
  }
}

type Settled<T> = Promise<{ ok: true; value: T } | { ok: false; error: unknown }>;

/** A read started ahead must not become an unhandled rejection if the write before it fails. */
function settled(read: Promise<RecordedEvent[]>): Settled<RecordedEvent[]> {
  return read.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

async function unwrap<T>(pending: Settled<T>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw result.error;
  return result.value;
}
