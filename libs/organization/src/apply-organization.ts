import { planDirectoryChanges, type OrganizationModel, type PlanSource } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';
import { appendDirectoryEvents } from './append-directory-events';
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
 * with the directory's planner and appends only those (appendDirectoryEvents: one transaction on
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
  const { appended, byType } = await appendDirectoryEvents(eventStore, planned);
  return { appended, byType };
}

/** One line for logs and the command line, e.g. `appended 12 events (TeamDefined 2, PersonRegistered 10)`. */
export function describeApplySummary(summary: OrganizationApplySummary): string {
  if (summary.appended === 0) return 'no changes: the event store already describes this organisation';
  const parts = Object.entries(summary.byType).map(([type, count]) => `${type} ${count}`);
  return `appended ${summary.appended} event${summary.appended === 1 ? '' : 's'} (${parts.join(', ')})`;
}
