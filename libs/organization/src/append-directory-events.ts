import type { NewEvent } from '@tandem/contracts';
import type { PlannedDirectoryEvent } from '@tandem/directory';
import type { EventStore, StreamAppend } from '@tandem/eventstore';

export interface DirectoryAppendSummary {
  /** Events appended; 0 when the store already had every one of them (same ids). */
  appended: number;
  /** The appended events by type, in the order the types first appear. */
  byType: Readonly<Record<string, number>>;
  /** Global position of the last event planned (appended now or already stored); 0 for an empty plan. */
  lastGlobalPosition: number;
}

/**
 * Appends planned directory events in plan order, in one `appendMany` (one transaction on
 * PostgreSQL and SQLite). The directory folds in global order (a team before the memberships in
 * it), so the plan's order is kept: consecutive events of one stream go in one entry.
 */
export async function appendDirectoryEvents(eventStore: EventStore, planned: readonly PlannedDirectoryEvent[]): Promise<DirectoryAppendSummary> {
  if (planned.length === 0) return { appended: 0, byType: {}, lastGlobalPosition: 0 };
  const appends = consecutiveRunsByStream(planned);
  const results = await eventStore.appendMany(appends);
  return { ...summarize(appends, results.map((result) => result.appendedCount)), lastGlobalPosition: Math.max(...results.map((result) => result.lastGlobalPosition)) };
}

function consecutiveRunsByStream(planned: readonly PlannedDirectoryEvent[]): StreamAppend[] {
  const runs: StreamAppend[] = [];
  for (const { streamId, event } of planned) {
    const last = runs[runs.length - 1];
    if (last?.streamId === streamId) last.events.push(event as NewEvent);
    else runs.push({ streamId, events: [event as NewEvent], expectedVersion: 'any' });
  }
  return runs;
}

/** Counts what the store wrote: an entry another writer had already written counts for nothing. */
function summarize(appends: readonly StreamAppend[], appendedCounts: readonly number[]): Omit<DirectoryAppendSummary, 'lastGlobalPosition'> {
  const byType: Record<string, number> = {};
  let appended = 0;
  appends.forEach(({ events }, index) => {
    appended += appendedCounts[index];
    if (appendedCounts[index] !== events.length) return;
    for (const event of events) byType[event.type] = (byType[event.type] ?? 0) + 1;
  });
  return { appended, byType };
}
