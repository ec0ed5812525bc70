import type { PullRequest } from '../../model/metric-model';
import { unionOf, type Attribution } from '../attribution';

/** When the author acted: the PR's opening (its merge when the opening is unknown). */
export function authoredAt(pr: PullRequest): number | null {
  return pr.openedAt ?? pr.mergedAt;
}

/** A PR reaches the teams of its repository's service (as of the merge) and of its author (as of the opening). */
export function pullRequestTeams(pr: PullRequest, attribution: Attribution): string[] {
  return unionOf(attribution.serviceTeams(pr.services, pr.mergedAt), attribution.personTeams(pr.authorId, authoredAt(pr)));
}
