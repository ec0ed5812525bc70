import { elapsedSeconds, isWithin } from '../../shared/millis';
import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import { countedIncidents, impactEndOf, incidentSample } from './incident-samples';

export const timeToRestoreV1 = defineKpi({
  id: 'time_to_restore',
  version: 1,
  unit: 'seconds',
  aggregation: 'median',
  definition:
    'Per incident resolved in the window: impactStart → resolved, the time of the resolve event itself (never a record’s updated_at); a person’s correction of the impact end wins over the resolve event.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const samples: KpiSample[] = [];
    for (const incident of countedIncidents(model.incidents)) {
      if (!isWithin(window, incident.resolved) || incident.impactStart === null) continue;
      // Resolved in the window, so it has an end: the resolve event's time or a person's correction of it.
      const end = impactEndOf(incident) ?? incident.resolved;
      samples.push(incidentSample(incident, attribution, { value: elapsedSeconds(incident.impactStart, end), counted: true }));
    }
    return samples;
  },
});
