import type { MetricModel } from '../../model/metric-model';
import { memoizedPer } from '../../shared/memoized-per';
import { TimeIndex } from '../../shared/time-index';
import { Attribution, unionOf } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import type { ReviewMatrixCell } from '../kpi-types';
import { compareText } from '../../shared/compare';
import { teamSizeAt } from '../../shared/team-size-at';

/**
 * The team × team counts of the scope's reviews. A review counts once in each (reviewer team,
 * author team) cell of the teams both were in at the review; a cell of a team below
 * `minGroupSize` (at the window's last instant) is left out, as its team value would be.
 */
function matrixOf(samples: readonly KpiSample[], isShown: (team: string) => boolean): ReviewMatrixCell[] {
  const cells = new Map<string, ReviewMatrixCell>();
  for (const sample of samples) {
    for (const reviewerTeam of sample.direction?.from ?? []) {
      for (const authorTeam of sample.direction?.to ?? []) {
        if (!isShown(reviewerTeam) || !isShown(authorTeam)) continue;
        const key = `${reviewerTeam}\u0000${authorTeam}`;
        const cell = cells.get(key) ?? { reviewerTeam, authorTeam, reviews: 0 };
        cell.reviews += 1;
        cells.set(key, cell);
      }
    }
  }
  return [...cells.values()].sort((a, b) => compareText(a.reviewerTeam, b.reviewerTeam) || compareText(a.authorTeam, b.authorTeam));
}

/** Every person's review of another person's PR, by its time: each window's reviews are a lookup. */
const reviewsOfOthers = memoizedPer((model: MetricModel) => {
  const reviews = model.pullRequests.flatMap((pr) => {
    const authorId = pr.authorId;
    if (authorId === null) return [];
    return pr.reviews.filter((review) => review.reviewerId !== authorId).map((review) => ({ pr, authorId, review }));
  });
  return new TimeIndex(reviews, ({ review }) => review.at);
});

export const reviewMatrixV1 = defineKpi({
  id: 'review_matrix',
  version: 1,
  unit: 'count',
  aggregation: 'count',
  definition:
    'Reviews submitted in the window, from the reviewer’s team to the PR author’s team (teams as of the review; self-reviews and bots left out); value = reviews in the scope, `matrix` = the counts per team pair.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const samples: KpiSample[] = [];
    for (const { pr, authorId, review } of reviewsOfOthers(model).within(window)) {
      const from = attribution.personTeams(review.reviewerId, review.at);
      const to = attribution.personTeams(authorId, review.at);
      samples.push({
        subject: pr,
        teams: unionOf(from, to),
        services: pr.services,
        value: null,
        counted: true,
        direction: { from, to },
        contributors: [pr.key],
      });
    }
    return samples;
  },
  extras: (samples, { directory, window }) => {
    const isShown = (team: string) => teamSizeAt(directory, team, window.to - 1) >= directory.settings.minGroupSize;
    return { matrix: matrixOf(samples, isShown) };
  },
});
