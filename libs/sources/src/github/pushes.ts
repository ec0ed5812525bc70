import { streamFor, type CommitsPushed_CommitJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import { parsePayload, timeAt } from '../shared/payload';
import { fromEpochOfAnyUnit, fromIsoTime } from '../vendor-time';
import { commitAuthorIdentity, GITHUB, githubIdentity } from './github-identity';
import { pushDelivery, type GithubPushCommit, type PushDelivery } from './github-payload';
import type { GithubFamily } from './github-routing';

/**
 * Every push, to branches and tags, creations and deletions included (a tag delete is a push with
 * `deleted: true` and no commits): the ref's history is what tells which merge commits a deployed
 * sha contains, and pushes to the default branch are changes merged without a PR.
 */
export const pushFamily: GithubFamily = {
  handled: 'any',
  ignored: {},
  normalize: (body) => {
    const delivery = parsePayload(pushDelivery, body, 'GitHub push delivery');
    const repo = delivery.repository.full_name;
    const pushedAt = pushTime(delivery);
    return {
      outcome: 'events',
      events: [
        {
          type: 'CommitsPushed',
          streamId: streamFor.repository(GITHUB, repo),
          occurredAt: pushedAt,
          data: {
            tool: GITHUB,
            repo,
            ref: delivery.ref,
            beforeSha: delivery.before,
            afterSha: delivery.after,
            pusher: pusherIdentity(delivery),
            pushedAt,
            forced: delivery.forced,
            created: delivery.created,
            deleted: delivery.deleted,
            commits: delivery.commits.map(pushedCommit),
            ...(delivery.repository.default_branch ? { defaultBranch: delivery.repository.default_branch } : {}),
          },
        },
      ],
    };
  },
};

/** Push deliveries carry the push time as `repository.pushed_at`, in epoch seconds. */
function pushTime(delivery: PushDelivery): string {
  const pushedAt = delivery.repository.pushed_at;
  return typeof pushedAt === 'number'
    ? timeAt(fromEpochOfAnyUnit, pushedAt, 'repository.pushed_at')
    : timeAt(fromIsoTime, pushedAt, 'repository.pushed_at');
}

/**
 * `sender` is the account that pushed (login, bot flag); `pusher` repeats its name with the
 * email git used, which we keep when it belongs to the same account.
 */
function pusherIdentity(delivery: PushDelivery) {
  const identity = githubIdentity(delivery.sender);
  if (!identity.email && delivery.pusher.name === delivery.sender.login && delivery.pusher.email) {
    identity.email = delivery.pusher.email;
  }
  return identity;
}

function pushedCommit(commit: GithubPushCommit, index: number): CommitsPushed_CommitJson {
  if (!commit.author.username && commit.author.email.trim() === '') {
    throw new NormalizationError('MALFORMED', `commits.${index}.author.email: expected an email when author.username is absent`);
  }
  const paths = changedPaths(commit);
  return {
    sha: commit.id,
    // GitHub's commit `timestamp` is the time recorded in the commit; the only one the push has.
    authoredAt: timeAt(fromIsoTime, commit.timestamp, `commits.${index}.timestamp`),
    author: commitAuthorIdentity(commit.author),
    ...(paths ? { changedPaths: { paths } } : {}),
  };
}

/** Added, modified and removed paths, once each; unknown (undefined) when GitHub sent no lists. */
function changedPaths(commit: GithubPushCommit): string[] | undefined {
  if (!commit.added && !commit.modified && !commit.removed) return undefined;
  return [...new Set([...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])])];
}
