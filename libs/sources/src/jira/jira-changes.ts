import type { ExternalIdentityJson } from '@tandem/contracts';
import { timeAt } from '../shared/payload';
import { fromEpochOfAnyUnit } from '../vendor-time';
import { jiraIdentity } from './jira-identity';
import type { JiraChangeItem, JiraIssueDelivery, JiraTrackedFields } from './jira-payload';

/** One `jira:issue_*` delivery about a tracked issue, read once for the event builders. */
export interface JiraIssueChange {
  webhookEvent: string;
  issueId: string;
  issueKey: string;
  fields: JiraTrackedFields;
  /** The webhook `timestamp`: when the change itself happened (never the issue's `updated`). */
  at: string;
  /** Who made the change. */
  by: ExternalIdentityJson | undefined;
  items: JiraChangeItem[];
}

export function readJiraChange(webhookEvent: string, delivery: JiraIssueDelivery, fields: JiraTrackedFields): JiraIssueChange {
  return {
    webhookEvent,
    issueId: delivery.issue.id,
    issueKey: delivery.issue.key,
    fields,
    at: timeAt(fromEpochOfAnyUnit, delivery.timestamp, 'timestamp'),
    by: jiraIdentity(delivery.user),
    items: delivery.changelog?.items ?? [],
  };
}

/**
 * A changelog item's field, lower-cased: `fieldId` on Cloud (`status`, `duedate`), the display
 * name on Server/DC, which sends no `fieldId` (`status`, `Link`).
 */
export function fieldOf(item: JiraChangeItem): string {
  return (item.fieldId ?? item.field).trim().toLowerCase();
}

/** Fields whose change can make an issue an incident or an action item it was not before. */
const CLASS_FIELDS = new Set(['issuetype', 'project']);

/** Fields whose change can tie an action item to its incident. */
const LINK_FIELDS = new Set(['link', 'parent', 'issueparentassociation', 'parent link', 'epic link']);

export function changesClass(items: readonly JiraChangeItem[]): boolean {
  return items.some((item) => CLASS_FIELDS.has(fieldOf(item)) || CLASS_FIELDS.has(item.field.trim().toLowerCase()));
}

export function addsLink(items: readonly JiraChangeItem[]): boolean {
  return items.some((item) => LINK_FIELDS.has(fieldOf(item)) && (item.to ?? item.toString ?? '') !== '');
}

/** The names of the changed fields, for an ignore reason. */
export function changedFieldNames(items: readonly JiraChangeItem[]): string {
  return items.length === 0 ? 'no changelog' : [...new Set(items.map((item) => item.field))].join(', ');
}

/** Whether the item sets a value (a resolution, a due date) rather than clearing it. */
export function setsValue(item: JiraChangeItem): boolean {
  return Boolean(item.to ?? item.toString);
}

export function clearsValue(item: JiraChangeItem): boolean {
  return !setsValue(item) && Boolean(item.from ?? item.fromString);
}
