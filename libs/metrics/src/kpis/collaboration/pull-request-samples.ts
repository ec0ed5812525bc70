import type { MetricModel, PullRequest } from '../../model/metric-model';
import type { MillisWindow } from '../../shared/millis';
import { memoizedPer } from '../../shared/memoized-per';
import { TimeIndex } from '../../shared/time-index';
import { unionOf, type Attribution } from '../attribution';

/** The model's PRs by merge, so each window's merged PRs are a lookup, not a scan of every PR. */
const mergedPullRequests = memoizedPer((model: MetricModel) => new TimeIndex(model.pullRequests, (pr) => pr.mergedAt));

/** The PRs merged in the window, in the model's order. */
export function pullRequestsMergedIn(model: MetricModel, window: MillisWindow): PullRequest[] {
  return mergedPullRequests(model).within(window);
}

/** When the author acted: the PR's opening (its merge when the opening is unknown). */
export function authoredAt(pr: PullRequest): number | null {
  return pr.openedAt ?? pr.mergedAt;
}

/** A PR reaches the teams of its repository's service (as of the merge) and of its author (as of the opening). */
export function pullRequestTeams(pr: PullRequest, attribution: Attribution): string[] {
  return unionOf(attribution.serviceTeams(pr.services, pr.mergedAt), attribution.personTeams(pr.authorId, authoredAt(pr)));
}
