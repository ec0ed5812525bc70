import { elapsedSeconds, isWithin } from '../../shared/millis';
import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import { countedIncidents, incidentSample } from './incident-samples';

export const timeToRestoreV1 = defineKpi({
  id: 'time_to_restore',
  version: 1,
  unit: 'seconds',
  aggregation: 'median',
  definition: 'Per incident resolved in the window: impactStart → resolved, the time of the resolve event itself (never a record’s updated_at).',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const samples: KpiSample[] = [];
    for (const incident of countedIncidents(model.incidents)) {
      if (!isWithin(window, incident.resolved) || incident.impactStart === null) continue;
      samples.push(incidentSample(incident, attribution, { value: elapsedSeconds(incident.impactStart, incident.resolved), counted: true }));
    }
    return samples;
  },
});
