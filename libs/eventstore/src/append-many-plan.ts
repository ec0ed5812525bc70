import type { NewEvent } from '@tandem/contracts';
import { planAppend, NO_STREAM_VERSION, type AppendState } from './append-plan';
import type { AppendManyResult, StreamAppend } from './event-store.port';

type StoredEvent = AppendState['stored'][number];

/** What an adapter read, inside its write transaction, before planning an `appendMany`. */
export interface AppendManyState {
  /** The store's last global position (0 when empty). */
  head: number;
  /** The last event of each stream named in the call that exists. */
  streamEnds: ReadonlyArray<{ streamId: string; version: number; globalPosition: number }>;
  /** The already-stored events among those being appended, looked up by eventId in any stream. */
  stored: readonly StoredEvent[];
}

export interface PlannedRow {
  globalPosition: number;
  streamId: string;
  streamVersion: number;
  event: NewEvent;
}

/**
 * `planAppend` for each entry in turn, as if each were appended before the next is planned: an
 * entry sees the versions, positions and ids the earlier entries of the same call would write.
 * Throws what `planAppend` throws, for the first entry that breaks a rule.
 */
export function planAppendMany(state: AppendManyState, appends: readonly StreamAppend[]): { rows: PlannedRow[]; results: AppendManyResult[] } {
  const ends = new Map(state.streamEnds.map((end) => [end.streamId, end]));
  const storedById = new Map(state.stored.map((stored) => [stored.eventId, stored]));
  const rows: PlannedRow[] = [];
  const results: AppendManyResult[] = [];
  let head = state.head;
  for (const { streamId, events, expectedVersion = 'any' } of appends) {
    const end = ends.get(streamId);
    const plan = planAppend(
      {
        streamId,
        currentVersion: end?.version ?? NO_STREAM_VERSION,
        lastGlobalPosition: end?.globalPosition ?? 0,
        stored: events.flatMap((event) => storedById.get(event.eventId) ?? []),
      },
      events,
      expectedVersion,
    );
    if (plan.kind !== 'append') {
      results.push({ ...plan.result, appendedCount: 0 });
      continue;
    }
    plan.events.forEach((event, index) => {
      const row = { globalPosition: head + 1 + index, streamId, streamVersion: plan.firstVersion + index, event };
      rows.push(row);
      storedById.set(event.eventId, { eventId: event.eventId, streamId, streamVersion: row.streamVersion, globalPosition: row.globalPosition });
    });
    head += plan.events.length;
    ends.set(streamId, { streamId, version: plan.nextExpectedVersion, globalPosition: head });
    results.push({ nextExpectedVersion: plan.nextExpectedVersion, lastGlobalPosition: head, appendedCount: plan.events.length });
  }
  return { rows, results };
}
