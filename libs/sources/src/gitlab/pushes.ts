import { streamFor, type CommitsPushed_CommitJson } from '@tandem/contracts';
import type { Normalization } from '../normalizer';
import { gitAuthorIdentity } from '../shared/identity';
import { parsePayload, timeAt } from '../shared/payload';
import { fromGitlabTime } from '../vendor-time';
import { GITLAB, gitlabIdentity } from './gitlab-identity';
import { pushDelivery, type GitlabPushCommit } from './gitlab-payload';

const NO_SHA = /^0+$/;

/**
 * Push Hook → CommitsPushed. GitLab's push hook carries no push time, and the receive time is
 * never an event time, so the push is dated by the newest commit it brings: the head commit's
 * time (`after`), else the latest commit time. That is when the pushed state was last committed,
 * at or before the push. A push without commits (a branch deletion, or a new branch of commits
 * already on another) has no time at all and is ignored with that reason.
 */
export function normalizePush(body: unknown): Normalization {
  const delivery = parsePayload(pushDelivery, body, 'GitLab Push Hook');
  const commits = delivery.commits.map(pushedCommit);
  const head = commits.find((commit) => commit.sha === delivery.after);
  const latest = [...commits].sort((a, b) => (a.authoredAt < b.authoredAt ? 1 : -1))[0];
  const pushedAt = (head ?? latest)?.authoredAt;
  if (pushedAt === undefined) {
    return {
      outcome: 'ignored',
      reason: 'GitLab Push Hook: a push without commits (branch deletion) has no time in the payload; nothing recorded',
    };
  }
  const repo = delivery.project.path_with_namespace;
  return {
    outcome: 'events',
    events: [
      {
        type: 'CommitsPushed',
        streamId: streamFor.repository(GITLAB, repo),
        occurredAt: pushedAt,
        data: {
          tool: GITLAB,
          repo,
          ref: delivery.ref,
          beforeSha: delivery.before,
          afterSha: delivery.after,
          pusher: gitlabIdentity({ username: delivery.user_username, name: delivery.user_name, email: delivery.user_email }),
          pushedAt,
          // GitLab does not say whether a push was forced.
          created: NO_SHA.test(delivery.before),
          deleted: NO_SHA.test(delivery.after),
          commits,
          ...(delivery.total_commits_count !== undefined ? { totalCommits: delivery.total_commits_count } : {}),
          ...(delivery.project.default_branch ? { defaultBranch: delivery.project.default_branch } : {}),
        },
      },
    ],
  };
}

/** GitLab push commits name their author by name and email only: tool `git`, never a guess. */
function pushedCommit(commit: GitlabPushCommit, index: number): CommitsPushed_CommitJson & { authoredAt: string; sha: string } {
  const paths =
    commit.added || commit.modified || commit.removed
      ? [...new Set([...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])])]
      : undefined;
  return {
    sha: commit.id,
    authoredAt: timeAt(fromGitlabTime, commit.timestamp, `commits.${index}.timestamp`),
    author: gitAuthorIdentity(commit.author.email, commit.author.name),
    ...(paths ? { changedPaths: { paths } } : {}),
  };
}
