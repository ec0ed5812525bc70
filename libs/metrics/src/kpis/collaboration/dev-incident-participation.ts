import type { Incident } from '../../model/metric-model';
import { isWithin } from '../../shared/millis';
import { isAtOrAbove, levelOfSeverityName } from '../../shared/severity';
import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import { countedIncidents, incidentSample } from '../incident-response/incident-samples';

/** The first participation by someone on the Dev side then (ack, role, responder, channel message). */
export function firstDevParticipation(incident: Incident, attribution: Attribution): Incident['participants'][number] | null {
  return incident.participants.find((participation) => attribution.isDev(participation.personId, participation.at)) ?? null;
}

export const devIncidentParticipationV1 = defineKpi({
  id: 'dev_incident_participation',
  version: 1,
  unit: 'ratio',
  aggregation: 'rate',
  definition:
    'Incidents at or above participationSeverity (default SEV3) resolved in the window where ≥ 1 Dev-side person acknowledged a page, held an incident role, was added as responder (and did not decline) or posted in the incident channel between triggered and resolved ÷ all such incidents.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const threshold = levelOfSeverityName(directory.settings.kpis.participationSeverity);
    return countedIncidents(model.incidents)
      .filter((incident) => isWithin(window, incident.resolved) && isAtOrAbove(incident.severity, threshold))
      .map((incident) => incidentSample(incident, attribution, { value: null, counted: firstDevParticipation(incident, attribution) !== null }));
  },
});
