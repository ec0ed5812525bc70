import type { IncidentRoleJson } from '@tandem/contracts';

/**
 * The kind of an incident role known only by its name (PagerDuty roles, incident.io custom roles):
 * lead/commander, comms, scribe, ops, reporter; a name Tandem does not know is OTHER.
 */
export function incidentRoleFromName(name: string | undefined): IncidentRoleJson {
  const lower = (name ?? '').toLowerCase();
  if (/\b(lead|commander|ic)\b/.test(lower)) return 'INCIDENT_ROLE_LEAD';
  if (/\bcomm(s|unications?)?\b/.test(lower)) return 'INCIDENT_ROLE_COMMUNICATIONS';
  if (/\bscribe\b/.test(lower)) return 'INCIDENT_ROLE_SCRIBE';
  if (/\b(ops|operations?)\b/.test(lower)) return 'INCIDENT_ROLE_OPERATIONS';
  if (/\breporter\b/.test(lower)) return 'INCIDENT_ROLE_REPORTER';
  return 'INCIDENT_ROLE_OTHER';
}
