import { streamFor, type ReviewStateJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { DerivedEvent, Normalization } from '../normalizer';
import { parsePayload, timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { GITHUB, githubIdentity, optionalGithubIdentity } from './github-identity';
import {
  issueCommentDelivery,
  pullRequestDelivery,
  pullRequestReviewCommentDelivery,
  pullRequestReviewDelivery,
  type GithubUser,
  type PullRequestDelivery,
} from './github-payload';
import { ignored, type GithubFamily } from './github-routing';

/**
 * `pull_request` actions Tandem reads. The PR's life (opened, draft toggles, merge or close,
 * reopen) is what the review and lead-time KPIs need; the rest is bookkeeping on the PR.
 */
const IGNORED_PULL_REQUEST_ACTIONS: Record<string, string> = {
  assigned: 'assignees do not enter any KPI',
  unassigned: 'assignees do not enter any KPI',
  labeled: 'PR labels do not enter any KPI',
  unlabeled: 'PR labels do not enter any KPI',
  edited: 'title and body edits do not enter any KPI',
  review_requested: 'a review request is not a review: only submitted reviews count',
  review_request_removed: 'a review request is not a review: only submitted reviews count',
  synchronize: 'new commits on the branch arrive as push deliveries (CommitsPushed)',
  locked: 'conversation locking does not enter any KPI',
  unlocked: 'conversation locking does not enter any KPI',
  milestoned: 'milestones do not enter any KPI',
  demilestoned: 'milestones do not enter any KPI',
  auto_merge_enabled: 'the merge itself arrives as closed with merged: true',
  auto_merge_disabled: 'the merge itself arrives as closed with merged: true',
  enqueued: 'merge-queue bookkeeping; the merge itself arrives as closed with merged: true',
  dequeued: 'merge-queue bookkeeping; the merge itself arrives as closed with merged: true',
};

export const pullRequestFamily: GithubFamily = {
  handled: ['opened', 'ready_for_review', 'converted_to_draft', 'reopened', 'closed'],
  ignored: IGNORED_PULL_REQUEST_ACTIONS,
  normalize: (body) => {
    const delivery = parsePayload(pullRequestDelivery, body, 'GitHub pull_request delivery');
    return { outcome: 'events', events: [pullRequestEvent(delivery)] };
  },
};

function pullRequestEvent(delivery: PullRequestDelivery): DerivedEvent {
  const pr = delivery.pull_request;
  const base: PullRequestBase = { tool: GITHUB, repo: delivery.repository.full_name, number: pr.number };
  const streamId = streamFor.pullRequest(GITHUB, base.repo, base.number);
  const openedAt = timeAt(fromIsoTime, pr.created_at, 'pull_request.created_at');
  // GitHub sends no time for draft toggles and reopens; the action sets pull_request.updated_at,
  // which is the vendor's own time of the change (the delivery's receive time never is).
  const updatedAt = () => timeAt(fromIsoTime, pr.updated_at, 'pull_request.updated_at');
  const by = githubIdentity(delivery.sender);
  switch (delivery.action) {
    case 'opened':
      return {
        type: 'PullRequestOpened',
        streamId,
        occurredAt: openedAt,
        data: {
          ...base,
          author: githubIdentity(pr.user),
          openedAt,
          draft: pr.draft === true,
          headSha: pr.head.sha,
          headRef: pr.head.ref,
          baseRef: pr.base.ref,
        },
      };
    case 'ready_for_review': {
      const readyAt = updatedAt();
      return { type: 'PullRequestReadyForReview', streamId, occurredAt: readyAt, data: { ...base, readyAt, by } };
    }
    case 'converted_to_draft': {
      const convertedAt = updatedAt();
      return { type: 'PullRequestConvertedToDraft', streamId, occurredAt: convertedAt, data: { ...base, convertedAt, by } };
    }
    case 'reopened': {
      const reopenedAt = updatedAt();
      return { type: 'PullRequestReopened', streamId, occurredAt: reopenedAt, data: { ...base, reopenedAt, reopenedBy: by } };
    }
    case 'closed':
      return pr.merged === true ? mergedEvent(delivery, streamId, base) : closedEvent(delivery, streamId, base);
    default:
      throw new NormalizationError('UNKNOWN_EVENT_TYPE', `GitHub pull_request action "${delivery.action}" is not handled`);
  }
}

/** What names a pull request in every event of it. */
type PullRequestBase = { tool: typeof GITHUB; repo: string; number: number };

/**
 * A time the action implies (`merged_at` on a merge, `closed_at` on a close). GitHub sends null for
 * it otherwise, so the schema lets it be null and only here is its absence MALFORMED.
 */
function impliedTime(value: string | null | undefined, field: 'merged_at' | 'closed_at', when: string): string {
  if (typeof value !== 'string') throw new NormalizationError('MALFORMED', `pull_request.${field}: expected string when ${when}`);
  return timeAt(fromIsoTime, value, `pull_request.${field}`);
}

/**
 * A merge is `closed` with `merged: true`. `merge_commit_sha` is the commit that lands on the base
 * branch whatever the merge method (merge commit, squash, or the last rebased commit), so a
 * deployment contains the PR when it contains that commit.
 */
function mergedEvent(delivery: PullRequestDelivery, streamId: string, base: PullRequestBase): DerivedEvent {
  const pr = delivery.pull_request;
  const mergedAt = impliedTime(pr.merged_at, 'merged_at', 'pull_request.merged is true');
  if (typeof pr.merge_commit_sha !== 'string' || pr.merge_commit_sha === '') {
    throw new NormalizationError('MALFORMED', 'pull_request.merge_commit_sha: expected string when pull_request.merged is true');
  }
  return {
    type: 'PullRequestMerged',
    streamId,
    occurredAt: mergedAt,
    data: {
      ...base,
      mergedAt,
      mergeCommitSha: pr.merge_commit_sha,
      mergedBy: optionalGithubIdentity(pr.merged_by) ?? githubIdentity(delivery.sender),
      author: githubIdentity(pr.user),
      openedAt: timeAt(fromIsoTime, pr.created_at, 'pull_request.created_at'),
      // The webhook has neither the commits nor the files: first_commit_authored_at comes from
      // CommitsPushed on head_ref, changed paths stay unknown (unset, not empty).
      headRef: pr.head.ref,
      baseRef: pr.base.ref,
      headSha: pr.head.sha,
    },
  };
}

function closedEvent(delivery: PullRequestDelivery, streamId: string, base: PullRequestBase): DerivedEvent {
  const closedAt = impliedTime(delivery.pull_request.closed_at, 'closed_at', 'the action is closed');
  return { type: 'PullRequestClosed', streamId, occurredAt: closedAt, data: { ...base, closedAt, closedBy: githubIdentity(delivery.sender) } };
}

const REVIEW_STATES: Record<string, ReviewStateJson> = {
  approved: 'REVIEW_STATE_APPROVED',
  changes_requested: 'REVIEW_STATE_CHANGES_REQUESTED',
  commented: 'REVIEW_STATE_COMMENTED',
};

export const pullRequestReviewFamily: GithubFamily = {
  handled: ['submitted'],
  ignored: {
    // The review happened and was recorded when submitted; a later dismissal (stale approval,
    // maintainer override) does not undo that someone reviewed, which is what the KPIs count.
    dismissed: 'a dismissed review still counts as given: its submitted delivery recorded it',
    edited: 'editing a review body does not change who reviewed or when',
  },
  normalize: (body) => {
    const delivery = parsePayload(pullRequestReviewDelivery, body, 'GitHub pull_request_review delivery');
    const { review, pull_request: pr } = delivery;
    const state = REVIEW_STATES[review.state.toLowerCase()];
    if (state === undefined) {
      throw new NormalizationError(
        'MALFORMED',
        `review.state: expected approved, changes_requested or commented for a submitted review, received "${review.state}"`,
      );
    }
    const repo = delivery.repository.full_name;
    const submittedAt = timeAt(fromIsoTime, review.submitted_at, 'review.submitted_at');
    return {
      outcome: 'events',
      events: [
        {
          type: 'PullRequestReviewed',
          streamId: streamFor.pullRequest(GITHUB, repo, pr.number),
          occurredAt: submittedAt,
          data: {
            tool: GITHUB,
            repo,
            number: pr.number,
            reviewId: String(review.id),
            reviewer: githubIdentity(review.user),
            state,
            submittedAt,
            pullRequestAuthor: githubIdentity(pr.user),
            pullRequestOpenedAt: timeAt(fromIsoTime, pr.created_at, 'pull_request.created_at'),
            ...(review.commit_id ? { commitSha: review.commit_id } : {}),
          },
        },
      ],
    };
  },
};

const IGNORED_COMMENT_ACTIONS: Record<string, string> = {
  edited: 'an edited comment was already counted when created',
  deleted: 'a deleted comment was already counted when created',
};

/** Inline review comments. Each is a comment on the PR; its review arrives as pull_request_review. */
export const pullRequestReviewCommentFamily: GithubFamily = {
  handled: ['created'],
  ignored: IGNORED_COMMENT_ACTIONS,
  normalize: (body) => {
    const delivery = parsePayload(pullRequestReviewCommentDelivery, body, 'GitHub pull_request_review_comment delivery');
    return commented(delivery.repository.full_name, delivery.comment, delivery.pull_request, 'pull_request');
  },
};

/** Conversation comments: GitHub sends them as issue_comment, on issues and PRs alike. */
export const issueCommentFamily: GithubFamily = {
  handled: ['created'],
  ignored: IGNORED_COMMENT_ACTIONS,
  normalize: (body): Normalization => {
    const delivery = parsePayload(issueCommentDelivery, body, 'GitHub issue_comment delivery');
    const { comment, issue } = delivery;
    if (!issue.pull_request) return ignored('a comment on an issue that is not a pull request');
    return commented(delivery.repository.full_name, comment, issue, 'issue');
  },
};

/**
 * No comment text is kept (privacy): only who commented, when, and on which PR. The PR is embedded
 * as `pull_request`, or as `issue` for a conversation comment: `field` names it in errors.
 */
function commented(
  repo: string,
  comment: { id: number; user: GithubUser; created_at: string; in_reply_to_id?: number | null },
  pr: { number: number; user: GithubUser; created_at: string },
  field: 'pull_request' | 'issue',
): Normalization {
  const pullRequestAuthor = githubIdentity(pr.user);
  const pullRequestOpenedAt = timeAt(fromIsoTime, pr.created_at, `${field}.created_at`);
  const commentedAt = timeAt(fromIsoTime, comment.created_at, 'comment.created_at');
  const event: DerivedEvent = {
    type: 'PullRequestCommented',
    streamId: streamFor.pullRequest(GITHUB, repo, pr.number),
    occurredAt: commentedAt,
    data: {
      tool: GITHUB,
      repo,
      number: pr.number,
      commentId: String(comment.id),
      commenter: githubIdentity(comment.user),
      commentedAt,
      ...(typeof comment.in_reply_to_id === 'number' ? { inReplyToCommentId: String(comment.in_reply_to_id) } : {}),
      pullRequestAuthor,
      pullRequestOpenedAt,
    },
  };
  return { outcome: 'events', events: [event] };
}
