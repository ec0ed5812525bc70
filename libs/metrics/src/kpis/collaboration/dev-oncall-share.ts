import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import { pagesAcknowledgedIn } from './page-samples';

export const devOncallShareV1 = defineKpi({
  id: 'dev_oncall_share',
  version: 1,
  unit: 'ratio',
  aggregation: 'rate',
  definition: 'Pages whose first acknowledgement by a person, in the window, was by a Dev-side person ÷ pages acknowledged in the window.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    return pagesAcknowledgedIn(model.pages, window).map(({ page, ack }) => ({
      subject: page,
      // A page reaches the teams of its service, as of its trigger.
      teams: attribution.serviceTeams([page.service], page.triggeredAt ?? ack.at),
      services: page.service === null ? [] : [page.service],
      value: null,
      counted: attribution.isDev(ack.personId, ack.at),
      contributors: [page.key],
    }));
  },
});
