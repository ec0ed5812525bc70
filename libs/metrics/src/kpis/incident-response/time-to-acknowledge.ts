import { elapsedSeconds, isWithin } from '../../shared/millis';
import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import { countedIncidents, incidentSample } from './incident-samples';

export const timeToAcknowledgeV1 = defineKpi({
  id: 'time_to_acknowledge',
  version: 1,
  unit: 'seconds',
  aggregation: 'median',
  definition:
    'Per incident triggered in the window: triggered (first page or declaration) → first acknowledgement by a person (never automation or a bot); unacknowledged incidents are left out of the median and counted in `unacknowledged`.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    return countedIncidents(model.incidents)
      .filter((incident) => isWithin(window, incident.triggered))
      .map((incident) =>
        incidentSample(incident, attribution, {
          value: incident.triggered !== null && incident.acknowledged !== null ? elapsedSeconds(incident.triggered, incident.acknowledged) : null,
          counted: incident.acknowledged !== null,
        }),
      );
  },
  extras: (samples) => ({ unacknowledged: samples.filter((sample) => sample.value === null).length }),
});
