import type { Incident } from '../../model/metric-model';
import type { Millis } from '../../shared/millis';
import type { Attribution } from '../attribution';
import type { KpiSample } from '../kpi-sample';

/** Declined, canceled and merged incidents are not incidents (incidents.proto): in no KPI. */
export function countedIncidents(incidents: readonly Incident[]): Incident[] {
  return incidents.filter((incident) => incident.excluded === null);
}

/**
 * When the incident's impact ended: a person's correction of the end wins (metrics.md:
 * corrections win over earlier values), else the resolve event's own time. A corrected end before
 * the impact start contradicts the timeline and is not used.
 */
export function impactEndOf(incident: Pick<Incident, 'impactStart' | 'resolved' | 'correctedImpactEnd'>): Millis | null {
  const corrected = incident.correctedImpactEnd;
  if (corrected !== null && (incident.impactStart === null || corrected >= incident.impactStart)) return corrected;
  return incident.resolved;
}

/** An incident reaches the teams of its services as of when it was triggered. */
export function incidentTeams(incident: Incident, attribution: Attribution): string[] {
  return attribution.serviceTeams(incident.services, incident.triggered ?? incident.impactStart ?? incident.resolved);
}

export function incidentSample(incident: Incident, attribution: Attribution, sample: Pick<KpiSample, 'value' | 'counted'> & Partial<Pick<KpiSample, 'contributors'>>): KpiSample {
  return { subject: incident, teams: incidentTeams(incident, attribution), services: incident.services, contributors: [incident.key], ...sample };
}
