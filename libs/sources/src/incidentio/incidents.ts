import { streamFor } from '@tandem/contracts';
import type { DerivedEvent } from '../normalizer';
import { optionalTimeAt, timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import {
  catalogEntryIds,
  IMPACT_STARTED,
  INCIDENTIO,
  incidentChannel,
  incidentioIdentity,
  incidentioRole,
  incidentioSeverity,
  incidentStatus,
  isOpenCategory,
  isResolvedCategory,
  RESOLVED_AT,
  timestampValue,
  type FieldPaths,
} from './incidentio-model';
import type { IncidentioIncident, IncidentioStatus } from './incidentio-payload';

/**
 * incident.io incidents, on the incident's stream `incident-incidentio-<id>`. A webhook carries the
 * incident as it is now, not what changed, so the normalizer states current facts at the
 * incident's `updated_at` and the projection folds them idempotently (a repeated severity or role
 * changes nothing; the earliest role assignment is when the person took the role).
 */

/** Test and tutorial incidents are rehearsals: they would count in every KPI. */
export function rehearsalMode(incident: IncidentioIncident): string | undefined {
  return incident.mode === 'test' || incident.mode === 'tutorial' ? incident.mode : undefined;
}

function roleAssignments(incident: IncidentioIncident, assignedAt: string): DerivedEvent[] {
  return (incident.incident_role_assignments ?? []).flatMap((assignment): DerivedEvent[] => {
    if (!assignment.assignee) return [];
    const roleName = assignment.role.name ?? undefined;
    return [
      {
        type: 'IncidentRoleAssigned',
        streamId: streamFor.incident(INCIDENTIO, incident.id),
        occurredAt: assignedAt,
        data: {
          tool: INCIDENTIO,
          incidentId: incident.id,
          role: incidentioRole(assignment.role),
          ...(roleName ? { roleName } : {}),
          assignee: incidentioIdentity(assignment.assignee),
          assignedAt,
        },
      },
    ];
  });
}

/**
 * When the incident was resolved: incident.io's own "Resolved at" timestamp when the organisation
 * records it, else the time of the delivery's own fact (`fallback`). incident.io's status change
 * carries no separate resolve time; it is the incident's `updated_at` at that change.
 */
function resolvedAt(incident: IncidentioIncident, fallback: string, paths: FieldPaths): string {
  return optionalTimeAt(fromIsoTime, timestampValue(incident, RESOLVED_AT), paths.at('incident_timestamp_values')) ?? fallback;
}

function resolvedEvent(incident: IncidentioIncident, at: string): DerivedEvent {
  return { type: 'IncidentResolved', streamId: streamFor.incident(INCIDENTIO, incident.id), occurredAt: at, data: { tool: INCIDENTIO, incidentId: incident.id, resolvedAt: at } };
}

/**
 * `incident_created_v2`: IncidentDeclared at `created_at` (by the creating user; an API key,
 * workflow or alert is automation and leaves `declaredBy` unset), one IncidentRoleAssigned per
 * role holder, and IncidentResolved when the incident is created already resolved (a
 * retrospective incident).
 */
export function incidentCreated(incident: IncidentioIncident, paths: FieldPaths): DerivedEvent[] {
  const declaredAt = timeAt(fromIsoTime, incident.created_at, paths.at('created_at'));
  const impactStartedAt = optionalTimeAt(fromIsoTime, timestampValue(incident, IMPACT_STARTED), paths.at('incident_timestamp_values'));
  const channel = incidentChannel(incident);
  const creator = incident.creator?.user;
  const severityLabel = incident.severity?.name ?? undefined;
  const serviceIds = catalogEntryIds(incident);
  const category = incident.incident_status.category;
  const declared: DerivedEvent = {
    type: 'IncidentDeclared',
    streamId: streamFor.incident(INCIDENTIO, incident.id),
    occurredAt: declaredAt,
    data: {
      tool: INCIDENTIO,
      incidentId: incident.id,
      ...(incident.reference ? { reference: incident.reference } : {}),
      ...(incident.name ? { title: incident.name } : {}),
      ...(incident.severity ? { severity: incidentioSeverity(incident.severity.rank) } : {}),
      ...(severityLabel ? { severityLabel } : {}),
      ...(serviceIds.length > 0 ? { serviceIds } : {}),
      ...(channel ? { channel } : {}),
      declaredAt,
      ...(creator ? { declaredBy: incidentioIdentity(creator) } : {}),
      ...(impactStartedAt ? { impactStartedAt } : {}),
      status: incidentStatus(category),
    },
  };
  const resolved = isResolvedCategory(category) ? [resolvedEvent(incident, resolvedAt(incident, declaredAt, paths))] : [];
  return [declared, ...roleAssignments(incident, declaredAt), ...resolved];
}

/**
 * `incident_updated_v2`: the incident's current status, severity, role holders and channel, all at
 * `updated_at`. A stateless normalizer cannot tell which of them changed; the projection folds
 * repeats idempotently. Resolution and reopening come from `incident_status_updated_v2`, which
 * names the previous status.
 */
export function incidentUpdated(incident: IncidentioIncident, paths: FieldPaths): DerivedEvent[] {
  const at = timeAt(fromIsoTime, incident.updated_at, paths.at('updated_at'));
  const streamId = streamFor.incident(INCIDENTIO, incident.id);
  const statusLabel = incident.incident_status.name ?? undefined;
  const severityLabel = incident.severity?.name ?? undefined;
  const channel = incidentChannel(incident);
  const events: DerivedEvent[] = [
    {
      type: 'IncidentStatusChanged',
      streamId,
      occurredAt: at,
      data: { tool: INCIDENTIO, incidentId: incident.id, status: incidentStatus(incident.incident_status.category), ...(statusLabel ? { statusLabel } : {}), changedAt: at },
    },
  ];
  if (incident.severity) {
    events.push({
      type: 'IncidentSeverityChanged',
      streamId,
      occurredAt: at,
      data: { tool: INCIDENTIO, incidentId: incident.id, severity: incidentioSeverity(incident.severity.rank), ...(severityLabel ? { severityLabel } : {}), changedAt: at },
    });
  }
  events.push(...roleAssignments(incident, at));
  if (channel) {
    events.push({ type: 'IncidentChannelLinked', streamId, occurredAt: at, data: { tool: INCIDENTIO, incidentId: incident.id, channel, linkedAt: at } });
  }
  return events;
}

/**
 * `incident_status_updated_v2`: IncidentStatusChanged from the previous to the new status, at the
 * incident's `updated_at` (the change carries no time of its own). Moving from an open status
 * (triage, live, paused) to learning or closed resolves the incident; moving back reopens it.
 */
export function incidentStatusUpdated(
  update: { incident: IncidentioIncident; previous_status?: IncidentioStatus | null; new_status: IncidentioStatus },
  paths: FieldPaths,
): DerivedEvent[] {
  const { incident } = update;
  const at = timeAt(fromIsoTime, incident.updated_at, paths.at('incident.updated_at'));
  const streamId = streamFor.incident(INCIDENTIO, incident.id);
  const statusLabel = update.new_status.name ?? undefined;
  const previous = update.previous_status?.category;
  const next = update.new_status.category;
  const events: DerivedEvent[] = [
    {
      type: 'IncidentStatusChanged',
      streamId,
      occurredAt: at,
      data: {
        tool: INCIDENTIO,
        incidentId: incident.id,
        status: incidentStatus(next),
        ...(statusLabel ? { statusLabel } : {}),
        ...(previous ? { previousStatus: incidentStatus(previous) } : {}),
        changedAt: at,
      },
    },
  ];
  if (isResolvedCategory(next) && (previous === undefined || isOpenCategory(previous))) {
    events.push(resolvedEvent(incident, resolvedAt(incident, at, { at: (field) => paths.at(`incident.${field}`) })));
  }
  if (previous !== undefined && isResolvedCategory(previous) && isOpenCategory(next)) {
    events.push({ type: 'IncidentReopened', streamId, occurredAt: at, data: { tool: INCIDENTIO, incidentId: incident.id, reopenedAt: at } });
  }
  return events;
}
