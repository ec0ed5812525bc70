import { Attribution, unionOf } from '../attribution';
import { defineKpi } from '../define-kpi';
import { pagesAcknowledgedIn } from './page-samples';

export const outOfHoursPagesV1 = defineKpi({
  id: 'out_of_hours_pages',
  version: 1,
  unit: 'count',
  aggregation: 'count',
  definition:
    'Pages acknowledged in the window that were first notified outside their acknowledger’s working hours (their own, else their team’s, else the organisation’s; default Mon–Fri 09:00–18:00 in their time zone). sampleSize = pages acknowledged.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    return pagesAcknowledgedIn(model.pages, window).map(({ page, ack }) => {
      const notifiedAt = page.firstNotifiedAt ?? page.triggeredAt ?? ack.at;
      return {
        subject: page,
        // The burden is the acknowledger's: their teams then, beside the page's service's teams.
        teams: unionOf(attribution.serviceTeams([page.service], page.triggeredAt ?? ack.at), attribution.personTeams(ack.personId, ack.at)),
        services: page.service === null ? [] : [page.service],
        value: null,
        counted: !directory.isWithinWorkingHours(ack.personId, notifiedAt),
        contributors: [page.key],
      };
    });
  },
});
