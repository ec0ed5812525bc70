import { streamFor, type IncidentDeclaredJson, type IncidentStatusJson } from '@tandem/contracts';
import type { DerivedEvent, Normalization, NormalizerSettings } from '../normalizer';
import { timeAt } from '../shared/payload';
import { fromEpochOfAnyUnit, fromIsoTime } from '../vendor-time';
import { changedFieldNames, changesClass, clearsValue, fieldOf, setsValue, type JiraIssueChange } from './jira-changes';
import { incidentStatusOf, severityOfJiraPriority } from './jira-fields';
import { jiraIdentity, JIRA } from './jira-identity';
import type { JiraChangeItem, JiraIssueDelivery } from './jira-payload';

/** Statuses after which the incident is over (a resolve), or never was (canceled, declined). */
const CLOSED_STATUSES = new Set<IncidentStatusJson>([
  'INCIDENT_STATUS_RESOLVED',
  'INCIDENT_STATUS_CLOSED',
  'INCIDENT_STATUS_POST_INCIDENT',
  'INCIDENT_STATUS_CANCELED',
  'INCIDENT_STATUS_DECLINED',
]);
const RESOLVED_STATUSES = new Set<IncidentStatusJson>(['INCIDENT_STATUS_RESOLVED', 'INCIDENT_STATUS_CLOSED']);
const OPEN_STATUSES = new Set<IncidentStatusJson>(['INCIDENT_STATUS_TRIAGE', 'INCIDENT_STATUS_LIVE', 'INCIDENT_STATUS_MITIGATED']);

/**
 * A Jira issue used as an incident, keyed by its numeric issue id (stable when the issue moves and
 * its key changes; the key is the declaration's `reference`):
 * - created → IncidentDeclared (severity from priority, status, components as service ids) and,
 *   when assigned, IncidentRoleAssigned (the assignee leads it);
 * - updated → one event per relevant changelog item, in changelog order, at the webhook
 *   `timestamp`: status → IncidentStatusChanged (and IncidentMitigated on a mitigated status);
 *   resolution set → IncidentResolved, cleared → IncidentReopened (the status decides when the
 *   workflow sets no resolution); priority → IncidentSeverityChanged; assignee →
 *   IncidentRoleAssigned; a type or project change that made it an incident → IncidentDeclared.
 */
export function normalizeJiraIncident(change: JiraIssueChange): Normalization {
  switch (change.webhookEvent) {
    case 'jira:issue_created': {
      const declaredAt = timeAt(fromIsoTime, change.fields.created, 'issue.fields.created');
      return { outcome: 'events', events: [declared(change, declaredAt), ...assigned(change, declaredAt)] };
    }
    case 'jira:issue_deleted':
      return {
        outcome: 'ignored',
        reason: `jira issue_deleted of incident ${change.issueKey}: the canonical contract has no incident deletion, so its recorded history stands`,
      };
    default: {
      const events = updated(change);
      if (events.length > 0) return { outcome: 'events', events };
      return { outcome: 'ignored', reason: `jira issue_updated of incident ${change.issueKey}: no incident-relevant change (${changedFieldNames(change.items)})` };
    }
  }
}

function updated(change: JiraIssueChange): DerivedEvent[] {
  const events: DerivedEvent[] = changesClass(change.items) ? [declared(change, change.at)] : [];
  const hasResolution = change.items.some((item) => fieldOf(item) === 'resolution');
  for (const item of change.items) {
    switch (fieldOf(item)) {
      case 'status':
        events.push(...statusChanged(change, item, hasResolution));
        break;
      case 'resolution':
        if (setsValue(item)) events.push(resolved(change));
        else if (clearsValue(item)) events.push(reopened(change));
        break;
      case 'priority':
        events.push(...severityChanged(change, item));
        break;
      case 'assignee':
        events.push(...assigned(change, change.at));
        break;
    }
  }
  return events;
}

function streamOf(change: JiraIssueChange): string {
  return streamFor.incident(JIRA, change.issueId);
}

function byOf(change: JiraIssueChange) {
  return change.by ? { by: change.by } : {};
}

function declared(change: JiraIssueChange, declaredAt: string): DerivedEvent {
  const { fields } = change;
  const severity = severityOfJiraPriority(fields.priority?.name);
  const status = incidentStatusOf(fields.status?.name, fields.status?.statusCategory?.key);
  const services = (fields.components ?? []).map((component) => component.name);
  const data: IncidentDeclaredJson = { tool: JIRA, incidentId: change.issueId, reference: change.issueKey, declaredAt };
  if (fields.summary) data.title = fields.summary;
  if (severity !== undefined) data.severity = severity;
  if (fields.priority) data.severityLabel = fields.priority.name;
  if (services.length > 0) data.serviceIds = services;
  if (change.by) data.declaredBy = change.by;
  if (status !== undefined) data.status = status;
  return { type: 'IncidentDeclared', streamId: streamOf(change), occurredAt: declaredAt, data };
}

/** The assignee is the person in charge of a Jira incident: the lead role, named `assignee`. */
function assigned(change: JiraIssueChange, assignedAt: string): DerivedEvent[] {
  const assignee = jiraIdentity(change.fields.assignee);
  if (assignee === undefined) return [];
  return [
    {
      type: 'IncidentRoleAssigned',
      streamId: streamOf(change),
      occurredAt: assignedAt,
      data: { tool: JIRA, incidentId: change.issueId, role: 'INCIDENT_ROLE_LEAD', roleName: 'assignee', assignee, assignedAt, ...byOf(change) },
    },
  ];
}

function statusChanged(change: JiraIssueChange, item: JiraChangeItem, hasResolution: boolean): DerivedEvent[] {
  const current = change.fields.status;
  // The issue's status category is known for its current status, which the item moved it to.
  const isCurrent = current !== null && current !== undefined && (current.id === undefined || !item.to || item.to === current.id);
  const status = incidentStatusOf(item.toString, isCurrent ? current.statusCategory?.key : undefined);
  if (status === undefined) return [];
  const previous = incidentStatusOf(item.fromString);
  const events: DerivedEvent[] = [
    {
      type: 'IncidentStatusChanged',
      streamId: streamOf(change),
      occurredAt: change.at,
      data: {
        tool: JIRA,
        incidentId: change.issueId,
        status,
        ...(item.toString ? { statusLabel: item.toString } : {}),
        ...(previous !== undefined ? { previousStatus: previous } : {}),
        changedAt: change.at,
        ...byOf(change),
      },
    },
  ];
  if (status === 'INCIDENT_STATUS_MITIGATED') {
    events.push({ type: 'IncidentMitigated', streamId: streamOf(change), occurredAt: change.at, data: { tool: JIRA, incidentId: change.issueId, mitigatedAt: change.at, ...byOf(change) } });
  }
  // Workflows without a resolution field: the move into (or out of) a resolved status decides.
  if (!hasResolution && RESOLVED_STATUSES.has(status) && (previous === undefined || !CLOSED_STATUSES.has(previous))) events.push(resolved(change));
  if (!hasResolution && OPEN_STATUSES.has(status) && previous !== undefined && RESOLVED_STATUSES.has(previous)) events.push(reopened(change));
  return events;
}

/** At the webhook timestamp: the resolve event's own time, never the issue's `updated`. */
function resolved(change: JiraIssueChange): DerivedEvent {
  return { type: 'IncidentResolved', streamId: streamOf(change), occurredAt: change.at, data: { tool: JIRA, incidentId: change.issueId, resolvedAt: change.at, ...byOf(change) } };
}

function reopened(change: JiraIssueChange): DerivedEvent {
  return { type: 'IncidentReopened', streamId: streamOf(change), occurredAt: change.at, data: { tool: JIRA, incidentId: change.issueId, reopenedAt: change.at, ...byOf(change) } };
}

function severityChanged(change: JiraIssueChange, item: JiraChangeItem): DerivedEvent[] {
  const label = item.toString ?? change.fields.priority?.name;
  const severity = severityOfJiraPriority(label);
  if (severity === undefined || !label) return [];
  return [
    {
      type: 'IncidentSeverityChanged',
      streamId: streamOf(change),
      occurredAt: change.at,
      data: { tool: JIRA, incidentId: change.issueId, severity, severityLabel: label, changedAt: change.at, ...byOf(change) },
    },
  ];
}

/**
 * An issue whose type was changed away from an incident type is no longer an incident: like a
 * removed incident label, that means it never was one, so DECLINED (left out of every KPI).
 * Undefined when the delivery is no such change.
 */
export function retypedIncident(webhookEvent: string, delivery: JiraIssueDelivery, settings: NormalizerSettings): DerivedEvent | undefined {
  if (webhookEvent !== 'jira:issue_updated') return undefined;
  const incidentTypes = new Set(settings.jira.incidentIssueTypes.map((type) => type.trim().toLowerCase()));
  const item = (delivery.changelog?.items ?? []).find(
    (candidate) => fieldOf(candidate) === 'issuetype' && incidentTypes.has((candidate.fromString ?? '').trim().toLowerCase()),
  );
  if (item === undefined) return undefined;
  const changedAt = timeAt(fromEpochOfAnyUnit, delivery.timestamp, 'timestamp');
  const by = jiraIdentity(delivery.user);
  return {
    type: 'IncidentStatusChanged',
    streamId: streamFor.incident(JIRA, delivery.issue.id),
    occurredAt: changedAt,
    data: {
      tool: JIRA,
      incidentId: delivery.issue.id,
      status: 'INCIDENT_STATUS_DECLINED',
      statusLabel: `type changed from ${item.fromString ?? ''} to ${item.toString ?? delivery.issue.fields.issuetype.name}`,
      changedAt,
      ...(by ? { by } : {}),
    },
  };
}
