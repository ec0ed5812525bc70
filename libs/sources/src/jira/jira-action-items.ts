import { streamFor, type ActionItemCreatedJson } from '@tandem/contracts';
import type { DerivedEvent, Normalization, NormalizerSettings } from '../normalizer';
import { timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { addsLink, changedFieldNames, changesClass, clearsValue, fieldOf, setsValue, type JiraIssueChange } from './jira-changes';
import { incidentOfActionItem } from './jira-classify';
import { endOfJiraDay, incidentStatusOf, isNotDoneResolution } from './jira-fields';
import { jiraParticipant, JIRA } from './jira-identity';
import type { JiraChangeItem } from './jira-payload';

/**
 * A Jira issue used as a post-incident action item, keyed by its numeric issue id:
 * - created, or later tied to its incident (a link or parent added, or its type changed to an
 *   action-item type) → ActionItemCreated, whose incident is the parent or linked incident issue.
 *   An item tied to no incident cannot be counted for one: it is ignored until it is linked. Readers
 *   treat ActionItemCreated as "this item exists", keyed by action item id: a second one for the
 *   same item (created, then linked again) is the same fact;
 * - resolution set → ActionItemClosed (a "won't do" resolution is NOT_DOING), cleared →
 *   ActionItemReopened; assignee → ActionItemAssigned; due date → ActionItemDueDateChanged;
 * - deleted → ActionItemClosed NOT_DOING: the item will never be done, and must not stay open.
 * Every change is timed by the webhook `timestamp`.
 */
export function normalizeJiraActionItem(change: JiraIssueChange, settings: NormalizerSettings): Normalization {
  switch (change.webhookEvent) {
    case 'jira:issue_created': {
      const creation = created(change, settings);
      if (creation === undefined) return unlinked(change);
      return { outcome: 'events', events: [creation] };
    }
    case 'jira:issue_deleted':
      return { outcome: 'events', events: [closed(change, 'ACTION_ITEM_OUTCOME_NOT_DOING')] };
    default: {
      const events = updated(change, settings);
      if (events.length > 0) return { outcome: 'events', events };
      if ((changesClass(change.items) || addsLink(change.items)) && incidentOfActionItem(change.fields, settings.jira) === undefined) return unlinked(change);
      return { outcome: 'ignored', reason: `jira issue_updated of action item ${change.issueKey}: no action-item-relevant change (${changedFieldNames(change.items)})` };
    }
  }
}

function unlinked(change: JiraIssueChange): Normalization {
  return {
    outcome: 'ignored',
    reason:
      `jira ${change.webhookEvent.replace(/^jira:/, '')} of action item ${change.issueKey}: it names no incident (no parent or issue link ` +
      'to an incident issue), so it cannot count for one; it is recorded when it is linked',
  };
}

function updated(change: JiraIssueChange, settings: NormalizerSettings): DerivedEvent[] {
  const events: DerivedEvent[] = [];
  if (changesClass(change.items) || addsLink(change.items)) {
    const creation = created(change, settings);
    if (creation !== undefined) events.push(creation);
  }
  const hasResolution = change.items.some((item) => fieldOf(item) === 'resolution');
  for (const item of change.items) {
    switch (fieldOf(item)) {
      case 'resolution':
        if (setsValue(item)) events.push(closed(change, outcomeOf(item.toString ?? change.fields.resolution?.name)));
        else if (clearsValue(item)) events.push(reopened(change));
        break;
      case 'status':
        if (!hasResolution) events.push(...closedByStatus(change, item));
        break;
      case 'assignee':
        events.push(assigned(change));
        break;
      case 'duedate':
        events.push(dueDateChanged(change, item));
        break;
    }
  }
  return events;
}

function streamOf(change: JiraIssueChange): string {
  return streamFor.actionItem(JIRA, change.issueId);
}

function byOf(change: JiraIssueChange, key: 'by' | 'closedBy' | 'createdBy' = 'by') {
  return change.by ? { [key]: { identity: change.by } } : {};
}

/** The item as of its creation (its own `created` time), when it names its incident. */
function created(change: JiraIssueChange, settings: NormalizerSettings): DerivedEvent | undefined {
  const incident = incidentOfActionItem(change.fields, settings.jira);
  if (incident === undefined) return undefined;
  const createdAt = timeAt(fromIsoTime, change.fields.created, 'issue.fields.created');
  const data: ActionItemCreatedJson = { tool: JIRA, actionItemId: change.issueId, incident: { tool: JIRA, id: incident.id }, createdAt };
  const assignee = jiraParticipant(change.fields.assignee);
  if (assignee !== undefined) data.assignee = assignee;
  if (change.fields.duedate) data.dueAt = endOfJiraDay(change.fields.duedate, 'issue.fields.duedate');
  // Who created it is known only from the creation delivery itself.
  if (change.webhookEvent === 'jira:issue_created' && change.by) data.createdBy = { identity: change.by };
  return { type: 'ActionItemCreated', streamId: streamOf(change), occurredAt: createdAt, data };
}

function outcomeOf(resolution: string | null | undefined) {
  return resolution && isNotDoneResolution(resolution) ? 'ACTION_ITEM_OUTCOME_NOT_DOING' : 'ACTION_ITEM_OUTCOME_COMPLETED';
}

function closed(change: JiraIssueChange, outcome: 'ACTION_ITEM_OUTCOME_COMPLETED' | 'ACTION_ITEM_OUTCOME_NOT_DOING'): DerivedEvent {
  return {
    type: 'ActionItemClosed',
    streamId: streamOf(change),
    occurredAt: change.at,
    data: { tool: JIRA, actionItemId: change.issueId, closedAt: change.at, ...byOf(change, 'closedBy'), outcome },
  };
}

function reopened(change: JiraIssueChange): DerivedEvent {
  return { type: 'ActionItemReopened', streamId: streamOf(change), occurredAt: change.at, data: { tool: JIRA, actionItemId: change.issueId, reopenedAt: change.at, ...byOf(change) } };
}

/** Workflows without a resolution field: a move into a done status closes, out of one reopens. */
function closedByStatus(change: JiraIssueChange, item: JiraChangeItem): DerivedEvent[] {
  const current = change.fields.status;
  const isCurrent = current !== null && current !== undefined && (current.id === undefined || !item.to || item.to === current.id);
  const status = incidentStatusOf(item.toString, isCurrent ? current.statusCategory?.key : undefined);
  const previous = incidentStatusOf(item.fromString);
  const done = (value: string | undefined) => value === 'INCIDENT_STATUS_RESOLVED' || value === 'INCIDENT_STATUS_CLOSED';
  const dropped = (value: string | undefined) => value === 'INCIDENT_STATUS_CANCELED' || value === 'INCIDENT_STATUS_DECLINED';
  const wasClosed = done(previous) || dropped(previous);
  if ((done(status) || dropped(status)) && !wasClosed) return [closed(change, dropped(status) ? 'ACTION_ITEM_OUTCOME_NOT_DOING' : 'ACTION_ITEM_OUTCOME_COMPLETED')];
  if (status !== undefined && !done(status) && !dropped(status) && wasClosed) return [reopened(change)];
  return [];
}

function assigned(change: JiraIssueChange): DerivedEvent {
  const assignee = jiraParticipant(change.fields.assignee);
  return {
    type: 'ActionItemAssigned',
    streamId: streamOf(change),
    occurredAt: change.at,
    // No assignee: unassigned.
    data: { tool: JIRA, actionItemId: change.issueId, ...(assignee ? { assignee } : {}), assignedAt: change.at, ...byOf(change) },
  };
}

function dueDateChanged(change: JiraIssueChange, item: JiraChangeItem): DerivedEvent {
  // The issue's field holds the new date ("2024-05-10"); the item's `to` says the same.
  const value = setsValue(item) ? (change.fields.duedate ?? item.to) : undefined;
  const dueAt = value ? endOfJiraDay(value, change.fields.duedate ? 'issue.fields.duedate' : 'changelog.items.duedate.to') : undefined;
  return {
    type: 'ActionItemDueDateChanged',
    streamId: streamOf(change),
    occurredAt: change.at,
    // No due date: removed (the configured default applies again).
    data: { tool: JIRA, actionItemId: change.issueId, ...(dueAt ? { dueAt } : {}), changedAt: change.at, ...byOf(change) },
  };
}
