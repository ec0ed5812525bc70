import { streamFor, type ExternalIdentityJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { DerivedEvent, Normalization } from '../normalizer';
import { parsePayload, timeAt } from '../shared/payload';
import { fromGitlabTime } from '../vendor-time';
import { GITLAB, gitlabIdentity } from './gitlab-identity';
import { mergeRequestDelivery, noteDelivery, type MergeRequestDelivery } from './gitlab-payload';

const ignored = (reason: string): Normalization => ({ outcome: 'ignored', reason });

/** `object_attributes.action` values GitLab documents that carry nothing a KPI reads. */
const IGNORED_ACTIONS: Record<string, string> = {
  unapproved: 'withdrawing an approval does not undo that the MR was reviewed',
  unapproval: 'withdrawing an approval does not undo that the MR was reviewed',
};

/**
 * Merge Request Hook. The MR is keyed by project path and iid (`pr-gitlab-group/project-12`).
 *
 * Times: the hook has no time per action, but `changes.updated_at.current` is the update this
 * very action made, so it is the action's time; `object_attributes.updated_at` (the record's
 * latest update, the same value when GitLab sends both) is the fallback.
 */
export function normalizeMergeRequest(body: unknown): Normalization {
  const delivery = parsePayload(mergeRequestDelivery, body, 'GitLab Merge Request Hook');
  const mr = delivery.object_attributes;
  const action = mr.action;
  const skipped = IGNORED_ACTIONS[action];
  if (skipped !== undefined) return ignored(`GitLab Merge Request Hook ${action}: ${skipped}`);
  const repo = delivery.project.path_with_namespace;
  const base = { tool: GITLAB, repo, number: mr.iid };
  const streamId = streamFor.pullRequest(GITLAB, repo, mr.iid);
  const user = gitlabIdentity(delivery.user);
  const one = (event: DerivedEvent): Normalization => ({ outcome: 'events', events: [event] });

  switch (action) {
    case 'open': {
      const openedAt = timeAt(fromGitlabTime, mr.created_at, 'object_attributes.created_at');
      return one({
        type: 'PullRequestOpened',
        streamId,
        occurredAt: openedAt,
        data: {
          ...base,
          // The user of an `open` action is who opened the MR: its author.
          author: user,
          openedAt,
          draft: isDraft(delivery),
          headSha: lastCommitSha(delivery),
          headRef: mr.source_branch,
          baseRef: mr.target_branch,
        },
      });
    }
    case 'reopen': {
      const reopenedAt = actionTime(delivery);
      return one({ type: 'PullRequestReopened', streamId, occurredAt: reopenedAt, data: { ...base, reopenedAt, reopenedBy: user } });
    }
    case 'close': {
      const closedAt = actionTime(delivery);
      return one({ type: 'PullRequestClosed', streamId, occurredAt: closedAt, data: { ...base, closedAt, closedBy: user } });
    }
    case 'merge':
      return one(mergedEvent(delivery, streamId, user));
    case 'update':
      return draftChange(delivery, streamId, user);
    // GitLab EE sends `approval` for an approval that leaves rules unmet and `approved` for the
    // one that meets them (CE: always `approved`); either way one person approved, once.
    case 'approved':
    case 'approval':
      return one(approvalEvent(delivery, streamId, user));
    default:
      throw new NormalizationError('UNKNOWN_EVENT_TYPE', `GitLab Merge Request Hook action "${action}" is not handled`);
  }
}

function actionTime(delivery: MergeRequestDelivery): string {
  const changed = delivery.changes?.updated_at?.current;
  return typeof changed === 'string'
    ? timeAt(fromGitlabTime, changed, 'changes.updated_at.current')
    : timeAt(fromGitlabTime, delivery.object_attributes.updated_at, 'object_attributes.updated_at');
}

function isDraft(delivery: MergeRequestDelivery): boolean {
  const mr = delivery.object_attributes;
  return (mr.draft ?? mr.work_in_progress) === true;
}

function lastCommitSha(delivery: MergeRequestDelivery): string {
  const sha = delivery.object_attributes.last_commit?.id;
  if (!sha) throw new NormalizationError('MALFORMED', 'object_attributes.last_commit.id: expected the head commit of the merge request');
  return sha;
}

/**
 * Merge time, best first: `merged_at` when GitLab sends it; else the `updated_at` this merge action
 * wrote (`changes.updated_at.current`); `object_attributes.updated_at` only when neither is there
 * (a record time: any later update of the MR would move it).
 *
 * Merge commit: `merge_commit_sha` (merge-commit method), else `squash_commit_sha` (squash with
 * fast-forward), else the MR's head commit (`last_commit.id`): a fast-forward merge puts the
 * head commit itself on the target branch.
 */
function mergedEvent(delivery: MergeRequestDelivery, streamId: string, user: ExternalIdentityJson): DerivedEvent {
  const mr = delivery.object_attributes;
  const changedAt = delivery.changes?.updated_at?.current;
  const mergedAt =
    typeof mr.merged_at === 'string'
      ? timeAt(fromGitlabTime, mr.merged_at, 'object_attributes.merged_at')
      : typeof changedAt === 'string'
        ? timeAt(fromGitlabTime, changedAt, 'changes.updated_at.current')
        : timeAt(fromGitlabTime, mr.updated_at, 'object_attributes.updated_at');
  const headSha = mr.last_commit?.id ?? undefined;
  const mergeCommitSha = mr.merge_commit_sha || mr.squash_commit_sha || headSha;
  if (!mergeCommitSha) {
    throw new NormalizationError(
      'MALFORMED',
      'object_attributes.merge_commit_sha: expected a merge commit (or squash_commit_sha, or last_commit.id) on a merge',
    );
  }
  // The hook names the author only by numeric id; when that id is the acting user's, we know them.
  const author = delivery.user.id !== undefined && delivery.user.id === mr.author_id ? user : undefined;
  return {
    type: 'PullRequestMerged',
    streamId,
    occurredAt: mergedAt,
    data: {
      tool: GITLAB,
      repo: delivery.project.path_with_namespace,
      number: mr.iid,
      mergedAt,
      mergeCommitSha,
      mergedBy: user,
      ...(author ? { author } : {}),
      openedAt: timeAt(fromGitlabTime, mr.created_at, 'object_attributes.created_at'),
      headRef: mr.source_branch,
      baseRef: mr.target_branch,
      ...(headSha ? { headSha } : {}),
    },
  };
}

/** `update` matters only when it toggles draft status (`changes.draft`, older `work_in_progress`). */
function draftChange(delivery: MergeRequestDelivery, streamId: string, user: ExternalIdentityJson): Normalization {
  const toggle = delivery.changes?.draft ?? delivery.changes?.work_in_progress;
  if (toggle === undefined || toggle.current === undefined || toggle.current === toggle.previous) {
    return ignored('GitLab Merge Request Hook update: an update that does not change draft status enters no KPI');
  }
  const mr = delivery.object_attributes;
  const base = { tool: GITLAB, repo: delivery.project.path_with_namespace, number: mr.iid };
  const at = actionTime(delivery);
  const event: DerivedEvent = toggle.current
    ? { type: 'PullRequestConvertedToDraft', streamId, occurredAt: at, data: { ...base, convertedAt: at, by: user } }
    : { type: 'PullRequestReadyForReview', streamId, occurredAt: at, data: { ...base, readyAt: at, by: user } };
  return { outcome: 'events', events: [event] };
}

/**
 * An approval is a review in state APPROVED. GitLab gives it no id, so the id is derived from what
 * identifies it in the delivery (MR, approver, time): a redelivery gives the same id, a later
 * re-approval a new one. The hook has no approval time either; the action's time stands for it.
 */
function approvalEvent(delivery: MergeRequestDelivery, streamId: string, user: ExternalIdentityJson): DerivedEvent {
  const mr = delivery.object_attributes;
  const submittedAt = actionTime(delivery);
  const commitSha = mr.last_commit?.id;
  return {
    type: 'PullRequestReviewed',
    streamId,
    occurredAt: submittedAt,
    data: {
      tool: GITLAB,
      repo: delivery.project.path_with_namespace,
      number: mr.iid,
      reviewId: `approval:${mr.id}:${delivery.user.username}:${submittedAt}`,
      reviewer: user,
      state: 'REVIEW_STATE_APPROVED',
      submittedAt,
      ...(delivery.user.id !== undefined && delivery.user.id === mr.author_id ? { pullRequestAuthor: user } : {}),
      pullRequestOpenedAt: timeAt(fromGitlabTime, mr.created_at, 'object_attributes.created_at'),
      ...(commitSha ? { commitSha } : {}),
    },
  };
}

/**
 * Note Hook: a comment on a merge request is PullRequestCommented (no text kept). Notes on issues,
 * commits and snippets are not PR activity.
 */
export function normalizeNote(body: unknown): Normalization {
  const delivery = parsePayload(noteDelivery, body, 'GitLab Note Hook');
  const note = delivery.object_attributes;
  if (note.noteable_type !== 'MergeRequest') {
    return ignored(`GitLab Note Hook on ${note.noteable_type}: only comments on merge requests enter the KPIs`);
  }
  if (note.system === true) return ignored('GitLab Note Hook: a system note is GitLab bookkeeping, not a comment');
  if (note.action && note.action !== 'create') {
    return ignored(`GitLab Note Hook ${note.action}: the comment was counted when created`);
  }
  const mr = delivery.merge_request;
  if (!mr) throw new NormalizationError('MALFORMED', 'merge_request: expected the merge request of a note on a MergeRequest');
  const repo = delivery.project.path_with_namespace;
  const commentedAt = timeAt(fromGitlabTime, note.created_at, 'object_attributes.created_at');
  return {
    outcome: 'events',
    events: [
      {
        type: 'PullRequestCommented',
        streamId: streamFor.pullRequest(GITLAB, repo, mr.iid),
        occurredAt: commentedAt,
        data: {
          tool: GITLAB,
          repo,
          number: mr.iid,
          commentId: String(note.id),
          commenter: gitlabIdentity(delivery.user),
          commentedAt,
          pullRequestOpenedAt: timeAt(fromGitlabTime, mr.created_at, 'merge_request.created_at'),
        },
      },
    ],
  };
}
