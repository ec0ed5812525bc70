import type { PullRequest, Review } from '@tandem/metrics';
import type { Directory } from '@tandem/directory';
import { HOUR_MS } from '../shared/instant';
import { acrossSides } from '../shared/sides';
import { durationPhrase, listing, nameOf } from '../shared/wording';
import { AwardList } from './award';
import type { RecognitionRule } from './rule';

const RULE = { id: 'bridge_builder', version: 1 } as const;
const REVIEWED_WITHIN_MS = 24 * HOUR_MS;

/** The first review by someone on the other side from the author (as of each one's act). */
function firstCrossSideReview(pr: PullRequest & { authorId: string; openedAt: number }, directory: Directory): Review | null {
  const authorSide = directory.sideOf(pr.authorId, pr.openedAt);
  return pr.reviews.find((review) => review.reviewerId !== pr.authorId && acrossSides(authorSide, directory.sideOf(review.reviewerId, review.at))) ?? null;
}

export const bridgeBuilderV1: RecognitionRule = {
  ...RULE,
  definition:
    "The first review (approve, request changes or comment) of a person's pull request by someone on the other side (Dev author, Ops-side reviewer, or the reverse, as of each act), submitted within 24 hours of the PR being opened. One per pull request: the first such reviewer.",
  evaluate(model, directory, window) {
    const awards = new AwardList(RULE, directory, window);
    for (const pr of model.metrics.pullRequests) {
      const { authorId, openedAt } = pr;
      if (pr.authorIsBot || authorId === null || openedAt === null || pr.reviews.length === 0) continue;
      const review = firstCrossSideReview({ ...pr, authorId, openedAt }, directory);
      if (review === null || review.at - openedAt > REVIEWED_WITHIN_MS) continue;
      const authorTeams = directory.teamsOf(authorId, openedAt);
      const whose = authorTeams.length > 0 ? `a pull request from ${listing(authorTeams)}` : 'a pull request from the other side';
      awards.person(review.reviewerId, {
        subjectId: pr.key,
        evidenceEventIds: pr.eventIds,
        atMs: review.at,
        sentence: `${nameOf(directory, review.reviewerId)} reviewed ${whose} (${pr.repo}#${pr.number}) ${durationPhrase(review.at - openedAt)} after it was opened`,
      });
    }
    return awards.list();
  },
};
