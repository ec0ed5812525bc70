import type { CanonicalEvent, ReviewStateJson } from '@tandem/contracts';
import { actorOfIdentity, type Actor } from '../shared/actor';
import { millisOf, type Millis } from '../shared/millis';
import { normalizeRepo, normalizeSha } from '../shared/sha';
import { entityKey, type EntityKey } from './entity-key';
import { eventIdsOf, inFoldOrder } from './fold-order';

export interface SubmittedReview {
  reviewId: string;
  reviewer: Actor;
  state: ReviewStateJson;
  at: Millis;
}

/** Changed paths; `truncated` when the vendor capped the list. */
export interface ChangedPaths {
  paths: string[];
  truncated: boolean;
}

/**
 * One pull (merge) request. Vendors do not order webhooks and Tandem may start after a PR was
 * opened, so each value comes from whichever event carries it, in a fixed precedence.
 */
export interface PullRequestFacts {
  kind: 'pull_request';
  key: EntityKey;
  tool: string;
  /** Lower-cased `org/repo`. */
  repo: string;
  number: number;
  author: Actor | null;
  openedAt: Millis | null;
  firstCommitAuthoredAt: Millis | null;
  mergedAt: Millis | null;
  /** The commit that landed on the base branch (squash and rebase merges too). */
  mergeCommitSha: string | null;
  /** Null: unknown (the vendor did not say). */
  changedPaths: ChangedPaths | null;
  reviews: SubmittedReview[];
  eventIds: string[];
}

interface Sources {
  openedAuthor: Actor | null;
  mergedAuthor: Actor | null;
  reviewedAuthor: Actor | null;
  openedAt: Millis | null;
  mergedOpenedAt: Millis | null;
  reviewedOpenedAt: Millis | null;
}

function evolve(pr: PullRequestFacts, sources: Sources, event: CanonicalEvent): void {
  switch (event.type) {
    case 'PullRequestOpened':
      sources.openedAuthor = actorOfIdentity(event.data.author);
      sources.openedAt = millisOf(event.data.openedAt);
      return;
    case 'PullRequestReviewed': {
      const at = millisOf(event.data.submittedAt);
      const reviewer = actorOfIdentity(event.data.reviewer);
      sources.reviewedAuthor ??= actorOfIdentity(event.data.pullRequestAuthor);
      sources.reviewedOpenedAt ??= millisOf(event.data.pullRequestOpenedAt);
      if (at === null || !reviewer || !event.data.reviewId) return;
      const review: SubmittedReview = { reviewId: event.data.reviewId, reviewer, state: event.data.state ?? 'REVIEW_STATE_UNSPECIFIED', at };
      const index = pr.reviews.findIndex((known) => known.reviewId === review.reviewId);
      if (index >= 0) pr.reviews[index] = review;
      else pr.reviews.push(review);
      return;
    }
    case 'PullRequestCommented':
      // Comments outside a review are not reviews; they only repeat what the PR is.
      sources.reviewedAuthor ??= actorOfIdentity(event.data.pullRequestAuthor);
      sources.reviewedOpenedAt ??= millisOf(event.data.pullRequestOpenedAt);
      return;
    case 'PullRequestMerged': {
      const { data } = event;
      pr.mergedAt = millisOf(data.mergedAt);
      pr.mergeCommitSha = data.mergeCommitSha ? normalizeSha(data.mergeCommitSha) : null;
      pr.firstCommitAuthoredAt = millisOf(data.firstCommitAuthoredAt);
      pr.changedPaths = data.changedPaths ? { paths: [...(data.changedPaths.paths ?? [])], truncated: data.changedPaths.truncated === true } : null;
      sources.mergedAuthor = actorOfIdentity(data.author);
      sources.mergedOpenedAt = millisOf(data.openedAt);
      return;
    }
    default:
      return;
  }
}

export function foldPullRequest(ref: { tool: string; repo: string; number: number }, events: readonly CanonicalEvent[]): PullRequestFacts {
  const ordered = inFoldOrder(events);
  const pr: PullRequestFacts = {
    kind: 'pull_request',
    key: entityKey.pullRequest(ref.tool, ref.repo, ref.number),
    tool: ref.tool,
    repo: normalizeRepo(ref.repo),
    number: ref.number,
    author: null,
    openedAt: null,
    firstCommitAuthoredAt: null,
    mergedAt: null,
    mergeCommitSha: null,
    changedPaths: null,
    reviews: [],
    eventIds: [],
  };
  const sources: Sources = { openedAuthor: null, mergedAuthor: null, reviewedAuthor: null, openedAt: null, mergedOpenedAt: null, reviewedOpenedAt: null };
  for (const event of ordered) evolve(pr, sources, event);
  // The merge names the author when the vendor says (git.proto), else the opening does.
  pr.author = sources.mergedAuthor ?? sources.openedAuthor ?? sources.reviewedAuthor;
  pr.openedAt = sources.openedAt ?? sources.mergedOpenedAt ?? sources.reviewedOpenedAt;
  pr.eventIds = eventIdsOf(ordered);
  return pr;
}
