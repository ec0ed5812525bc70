import type { PullRequest } from '../../model/metric-model';
import { acrossSides, Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import { authoredAt, pullRequestsMergedIn, pullRequestTeams } from './pull-request-samples';

/** Reviewed (approve, request changes or comment) by someone on the other side than the author. */
function reviewedAcrossSides(pr: PullRequest, attribution: Attribution): boolean {
  const authorSide = attribution.sideOf(pr.authorId, authoredAt(pr));
  return pr.reviews.some((review) => review.reviewerId !== pr.authorId && acrossSides(authorSide, attribution.sideOf(review.reviewerId, review.at)));
}

export const crossTeamReviewRateV1 = defineKpi({
  id: 'cross_team_review_rate',
  version: 1,
  unit: 'ratio',
  aggregation: 'rate',
  definition:
    'PRs merged in the window with ≥ 1 review (approve, request changes or comment) by a person on the other side (a Dev author’s PR reviewed from the Ops side, or the reverse; sides as of the opening and of the review) ÷ PRs merged in the window, bots’ PRs left out.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    return pullRequestsMergedIn(model, window)
      .filter((pr) => !pr.authorIsBot)
      .map((pr) => ({
        subject: pr,
        teams: pullRequestTeams(pr, attribution),
        services: pr.services,
        value: null,
        counted: reviewedAcrossSides(pr, attribution),
        contributors: [pr.key],
      }));
  },
});
