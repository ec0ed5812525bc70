import { elapsedSeconds, isWithin } from '../../shared/millis';
import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import { countedIncidents, incidentSample } from '../incident-response/incident-samples';
import { firstDevParticipation } from './dev-incident-participation';

export const timeToEngageDevV1 = defineKpi({
  id: 'time_to_engage_dev',
  version: 1,
  unit: 'seconds',
  aggregation: 'median',
  definition: 'Per incident with Dev participation, resolved in the window (any severity): triggered → the first Dev-side participation.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const samples: KpiSample[] = [];
    for (const incident of countedIncidents(model.incidents)) {
      if (!isWithin(window, incident.resolved) || incident.triggered === null) continue;
      const first = firstDevParticipation(incident, attribution);
      if (first) samples.push(incidentSample(incident, attribution, { value: elapsedSeconds(incident.triggered, first.at), counted: true }));
    }
    return samples;
  },
});
