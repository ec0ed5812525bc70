import { isWithin } from '../../shared/millis';
import { Attribution, unionOf } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import { authoredAt, pullRequestsMergedIn, pullRequestTeams } from './pull-request-samples';

export const iacDevAuthorshipV1 = defineKpi({
  id: 'iac_dev_authorship',
  version: 1,
  unit: 'ratio',
  aggregation: 'rate',
  definition:
    'Infrastructure changes (paths matching infraPaths) merged in the window, as PRs or commits pushed straight to a default branch, authored by Dev-side people (as of the authoring) ÷ infrastructure changes; bots’ changes left out, changes with unknown paths are not infrastructure changes.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const samples: KpiSample[] = [];
    for (const pr of pullRequestsMergedIn(model, window)) {
      if (pr.infra !== true || pr.authorIsBot) continue;
      samples.push({
        subject: pr,
        teams: pullRequestTeams(pr, attribution),
        services: pr.services,
        value: null,
        counted: attribution.isDev(pr.authorId, authoredAt(pr)),
        contributors: [pr.key],
      });
    }
    for (const change of model.directInfraChanges) {
      if (change.authorIsBot || !isWithin(window, change.pushedAt)) continue;
      samples.push({
        subject: change,
        teams: unionOf(attribution.serviceTeams(change.services, change.pushedAt), attribution.personTeams(change.authorId, change.pushedAt)),
        services: change.services,
        value: null,
        counted: attribution.isDev(change.authorId, change.pushedAt),
        contributors: [change.key],
      });
    }
    return samples;
  },
});
