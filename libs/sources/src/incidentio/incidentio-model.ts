import type { ExternalIdentityJson, ExternalRefJson, IncidentRoleJson, IncidentStatusJson, ParticipantJson, SeverityJson } from '@tandem/contracts';
import { externalIdentity } from '../shared/identity';
import { incidentRoleFromName } from '../shared/incident-role';
import { severityOfLevel } from '../shared/severity';
import type { IncidentioIncident, IncidentioUser, StatusCategory } from './incidentio-payload';

export const INCIDENTIO = 'incidentio';

/** How a field of the delivery is named in a MALFORMED message: `<event_type>.<field>`. */
export interface FieldPaths {
  at(field: string): string;
}

/**
 * An incident.io user: id = the incident.io user id (what tandem.yaml lists), with name and email.
 * incident.io also sends the user's `slack_user_id`; ExternalIdentity has no field for a second
 * identity, so it is not carried (the email lets the directory match the person).
 */
export function incidentioIdentity(user: IncidentioUser): ExternalIdentityJson {
  return externalIdentity(INCIDENTIO, user.id, { name: user.name, email: user.email });
}

export function incidentioParticipant(user: IncidentioUser | null | undefined): ParticipantJson | undefined {
  return user ? { identity: incidentioIdentity(user) } : undefined;
}

/**
 * The highest severity rank assumed when the organisation's severity list is not known: incident.io's
 * default list is Minor (rank 1), Major (2), Critical (3). A higher rank is more severe.
 */
export const DEFAULT_HIGHEST_SEVERITY_RANK = 3;

/**
 * metrics.md: incident.io severities by rank, the highest rank → SEV1 and each rank below one level
 * milder (clamped to SEV5). Exact only with the organisation's highest rank: without it, the
 * default list is assumed (Critical → SEV1, Major → SEV2, Minor → SEV3).
 */
export function incidentioSeverity(rank: number, highestRank = DEFAULT_HIGHEST_SEVERITY_RANK): SeverityJson {
  return severityOfLevel(highestRank - rank + 1);
}

const STATUS_BY_CATEGORY: Readonly<Record<StatusCategory, IncidentStatusJson>> = {
  triage: 'INCIDENT_STATUS_TRIAGE',
  live: 'INCIDENT_STATUS_LIVE',
  // A paused incident is still open: live, not resolved.
  paused: 'INCIDENT_STATUS_LIVE',
  learning: 'INCIDENT_STATUS_POST_INCIDENT',
  closed: 'INCIDENT_STATUS_CLOSED',
  declined: 'INCIDENT_STATUS_DECLINED',
  merged: 'INCIDENT_STATUS_MERGED',
  canceled: 'INCIDENT_STATUS_CANCELED',
};

export function incidentStatus(category: StatusCategory): IncidentStatusJson {
  return STATUS_BY_CATEGORY[category];
}

/** `learning` (post-incident) and `closed` come after the incident was resolved. */
export function isResolvedCategory(category: StatusCategory): boolean {
  return category === 'learning' || category === 'closed';
}

/** An open incident: one a move to learning/closed resolves, and a move back to reopens. */
export function isOpenCategory(category: StatusCategory): boolean {
  return category === 'triage' || category === 'live' || category === 'paused';
}

/** incident.io role types: `lead`, `reporter`, or `custom` (then the kind is read from the name). */
export function incidentioRole(role: { name?: string | null; role_type?: string | null }): IncidentRoleJson {
  if (role.role_type === 'lead') return 'INCIDENT_ROLE_LEAD';
  if (role.role_type === 'reporter') return 'INCIDENT_ROLE_REPORTER';
  return incidentRoleFromName(role.name ?? undefined);
}

/** The value of the first incident timestamp whose name matches (e.g. "Impact started"). */
export function timestampValue(incident: IncidentioIncident, name: RegExp): string | undefined {
  const match = (incident.incident_timestamp_values ?? []).find((entry) => name.test(entry.incident_timestamp.name) && entry.value?.value);
  return match?.value?.value ?? undefined;
}

export const IMPACT_STARTED = /^impact start/i;
export const RESOLVED_AT = /^resolved/i;

/**
 * The incident's chat channel: Slack (`slack_channel_id`), else Microsoft Teams, whose channel id
 * (`19:…@thread.tacv2`) is the encoded path segment of `ms_teams_channel_url`.
 */
export function incidentChannel(incident: IncidentioIncident): ExternalRefJson | undefined {
  if (incident.slack_channel_id) return { tool: 'slack', id: incident.slack_channel_id };
  const encoded = incident.ms_teams_channel_url ? /\/l\/channel\/([^/?#]+)/.exec(incident.ms_teams_channel_url)?.[1] : undefined;
  if (!encoded) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  return /^19:[^@\s]+@thread\.\w+$/.test(id) ? { tool: 'teams', id } : undefined;
}

/**
 * Catalog entries set in the incident's custom fields: incident.io names services as catalog
 * entries, and the directory maps the ones listed under `incidentServices.incidentio`.
 */
export function catalogEntryIds(incident: IncidentioIncident): string[] {
  const ids = (incident.custom_field_entries ?? []).flatMap((entry) => entry.values.map((value) => value.value_catalog_entry?.id));
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
