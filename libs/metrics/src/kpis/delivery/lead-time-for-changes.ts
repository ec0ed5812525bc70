import type { Deployment, MetricModel, PullRequest } from '../../model/metric-model';
import { elapsedSeconds, type Millis } from '../../shared/millis';
import { memoizedPer } from '../../shared/memoized-per';
import { TimeIndex } from '../../shared/time-index';
import { Attribution, unionOf } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';

/**
 * A merged PR reaches the teams of its repository's service (as of the merge), of the service it
 * was deployed to (as of the deployment) and of its author (as of the opening).
 */
function leadTimeSample(pr: PullRequest, deployment: Deployment, deployedAt: Millis, attribution: Attribution): KpiSample | null {
  // metrics.md: first commit authored, the PR's opening when that is unknown.
  const start = pr.firstCommitAuthoredAt ?? pr.openedAt;
  if (start === null) return null;
  return {
    subject: pr,
    teams: unionOf(
      attribution.serviceTeams(pr.services, pr.mergedAt),
      attribution.serviceTeams([deployment.service], deployedAt),
      attribution.personTeams(pr.authorId, pr.openedAt ?? pr.mergedAt),
    ),
    services: unionOf(pr.services, deployment.service === null ? [] : [deployment.service]),
    value: elapsedSeconds(start, deployedAt),
    counted: true,
    contributors: [pr.key, deployment.key],
  };
}

/** Each deployed PR with the deployment that shipped it, by that deployment's finish: the window's are a lookup. */
const deployedPullRequests = memoizedPer(
  (model: MetricModel) =>
    new TimeIndex(
      model.pullRequests.flatMap((pr) => {
        const deployment = pr.deployedBy === null ? undefined : model.byKey.get(pr.deployedBy);
        return deployment?.kind === 'deployment' ? [{ pr, deployment }] : [];
      }),
      ({ deployment }) => deployment.finishedAt,
    ),
);

export const leadTimeForChangesV1 = defineKpi({
  id: 'lead_time_for_changes',
  version: 1,
  unit: 'seconds',
  aggregation: 'median',
  definition:
    'Per merged PR: first commit authored (PR opened if unknown) → finish of the first successful production deployment containing its merge commit (squash and rebase merges follow the merge commit sha); that deployment finished in the window.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const samples: KpiSample[] = [];
    for (const { pr, deployment } of deployedPullRequests(model).within(window)) {
      // Found by its finish, so it has one.
      const sample = leadTimeSample(pr, deployment, deployment.finishedAt as Millis, attribution);
      if (sample) samples.push(sample);
    }
    return samples;
  },
});
