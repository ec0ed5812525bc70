import type { NewEvent } from '@tandem/contracts';
import { planDirectoryChanges, type OrganizationModel, type PlannedDirectoryEvent, type PlanSource } from '@tandem/directory';
import type { EventStore, StreamAppend } from '@tandem/eventstore';
import { readDirectory } from './read-directory';

export interface ApplyOrganizationOptions {
  /** Who made the change: an admin's person id, or the import (`tandem.yaml`, `backstage`). */
  by: string;
  /** When the change takes effect (the events' occurredAt), ISO-8601. */
  at: string;
  /** Which description of the organisation this is (default `config`, i.e. tandem.yaml). */
  source?: PlanSource;
}

export interface OrganizationApplySummary {
  /** Events appended by this apply; 0 when the store already described the organisation. */
  appended: number;
  /** The appended events by type, in the order the types first appear. */
  byType: Readonly<Record<string, number>>;
}

/**
 * Makes the store describe `desired`: folds the directory events already stored, plans the changes
 * with the directory's planner and appends only those, in one `appendMany` (one transaction on
 * PostgreSQL and SQLite). Applying the same model again appends nothing, and the planner derives
 * event ids from (source, by, at, position), so a second process applying the same file at the
 * same instant appends no event twice.
 */
export async function applyOrganization(
  eventStore: EventStore,
  desired: OrganizationModel,
  options: ApplyOrganizationOptions,
): Promise<OrganizationApplySummary> {
  const current = await readDirectory(eventStore);
  const planned = planDirectoryChanges(current, desired, { at: options.at, by: options.by, source: options.source });
  if (planned.length === 0) return { appended: 0, byType: {} };
  const appends = consecutiveRunsByStream(planned);
  const results = await eventStore.appendMany(appends);
  return summarize(appends, results.map((result) => result.appendedCount));
}

/** The directory folds in global order (a team before the memberships in it): the plan's order is kept. */
function consecutiveRunsByStream(planned: readonly PlannedDirectoryEvent[]): StreamAppend[] {
  const runs: StreamAppend[] = [];
  for (const { streamId, event } of planned) {
    const last = runs[runs.length - 1];
    if (last?.streamId === streamId) last.events.push(event as NewEvent);
    else runs.push({ streamId, events: [event as NewEvent], expectedVersion: 'any' });
  }
  return runs;
}

/** Counts what the store wrote: an entry another apply had already written counts for nothing. */
function summarize(appends: readonly StreamAppend[], appendedCounts: readonly number[]): OrganizationApplySummary {
  const byType: Record<string, number> = {};
  let appended = 0;
  appends.forEach(({ events }, index) => {
    appended += appendedCounts[index];
    if (appendedCounts[index] !== events.length) return;
    for (const event of events) byType[event.type] = (byType[event.type] ?? 0) + 1;
  });
  return { appended, byType };
}

/** One line for logs and the command line, e.g. `appended 12 events (TeamDefined 2, PersonRegistered 10)`. */
export function describeApplySummary(summary: OrganizationApplySummary): string {
  if (summary.appended === 0) return 'no changes: the event store already describes this organisation';
  const parts = Object.entries(summary.byType).map(([type, count]) => `${type} ${count}`);
  return `appended ${summary.appended} event${summary.appended === 1 ? '' : 's'} (${parts.join(', ')})`;
}
