import type { Postmortem } from '../../model/metric-model';
import { isWithin, SECOND_MS, type Millis } from '../../shared/millis';
import { isAtOrAbove, levelOfSeverityName } from '../../shared/severity';
import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import { countedIncidents, incidentSample } from '../incident-response/incident-samples';

/** Each incident's post-mortems that were published. */
export function publishedPostmortemsByIncident(postmortems: readonly Postmortem[]): Map<string, Postmortem[]> {
  const byIncident = new Map<string, Postmortem[]>();
  for (const postmortem of postmortems) {
    if (postmortem.incident === null || postmortem.publishedAt === null) continue;
    byIncident.set(postmortem.incident, [...(byIncident.get(postmortem.incident) ?? []), postmortem]);
  }
  return byIncident;
}

function firstPublication(postmortems: readonly Postmortem[]): Millis | null {
  let first: Millis | null = null;
  for (const postmortem of postmortems) if (postmortem.publishedAt !== null && (first === null || postmortem.publishedAt < first)) first = postmortem.publishedAt;
  return first;
}

export const postmortemCompletionRateV1 = defineKpi({
  id: 'postmortem_completion_rate',
  version: 1,
  unit: 'ratio',
  aggregation: 'rate',
  definition:
    'Incidents at or above postmortemSeverity (default SEV2) resolved in the window whose deadline (resolved + postmortemDue, default 7 days) is no later than the window’s end, or that already have a published post-mortem: those with a post-mortem published by the deadline ÷ all of them.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const { postmortemSeverity, postmortemDueSeconds } = directory.settings.kpis;
    const threshold = levelOfSeverityName(postmortemSeverity);
    const published = publishedPostmortemsByIncident(model.postmortems);
    const samples: KpiSample[] = [];
    for (const incident of countedIncidents(model.incidents)) {
      if (!isWithin(window, incident.resolved) || !isAtOrAbove(incident.severity, threshold)) continue;
      const postmortems = published.get(incident.key) ?? [];
      const publishedAt = firstPublication(postmortems);
      const deadline = incident.resolved + postmortemDueSeconds * SECOND_MS;
      // Still within its deadline at the window's end and not yet published: not yet due.
      if (deadline > window.to && publishedAt === null) continue;
      samples.push(
        incidentSample(incident, attribution, {
          value: null,
          counted: publishedAt !== null && publishedAt <= deadline,
          contributors: [incident.key, ...postmortems.map((postmortem) => postmortem.key)],
        }),
      );
    }
    return samples;
  },
});
