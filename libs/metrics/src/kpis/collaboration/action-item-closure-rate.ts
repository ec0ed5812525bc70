import type { ActionItem } from '../../model/metric-model';
import { DAY_MS, isWithin } from '../../shared/millis';
import { median } from '../../shared/statistics';
import { Attribution, unionOf } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import { incidentTeams } from '../incident-response/incident-samples';

function daysToClose(item: ActionItem): number | null {
  return item.closedAt === null || item.createdAt === null ? null : Math.max(0, item.closedAt - item.createdAt) / DAY_MS;
}

export const actionItemClosureRateV1 = defineKpi({
  id: 'action_item_closure_rate',
  version: 1,
  unit: 'ratio',
  aggregation: 'rate',
  definition:
    'Post-mortem action items due in the window (due date, else created + actionItemDue, default 30 days) closed by their due date (completed or closed as won’t do) ÷ items due in the window; also the median days from creation to close of the closed ones.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const samples: KpiSample[] = [];
    for (const item of model.actionItems) {
      if (!isWithin(window, item.dueAt)) continue;
      const incident = item.incident === null ? undefined : model.byKey.get(item.incident);
      const ofIncident = incident?.kind === 'incident' ? incident : null;
      samples.push({
        subject: item,
        // The incident's teams, and the assignee's when assigned.
        teams: unionOf(ofIncident ? incidentTeams(ofIncident, attribution) : [], attribution.personTeams(item.assigneeId, item.assignedAt ?? item.createdAt)),
        services: ofIncident?.services ?? [],
        value: null,
        counted: item.closedAt !== null && item.closedAt <= item.dueAt,
        contributors: [item.key],
      });
    }
    return samples;
  },
  extras: (samples) => ({
    medianDaysToClose: median(samples.flatMap((sample) => (sample.subject.kind === 'action_item' ? [daysToClose(sample.subject)] : [])).filter((days): days is number => days !== null)),
  }),
});
