import type { CanonicalEvent } from '@tandem/contracts';
import { actorOfIdentity, type Actor } from '../shared/actor';
import { millisOf, type Millis } from '../shared/millis';
import { normalizeRepo, normalizeSha } from '../shared/sha';
import { entityKey, type EntityKey } from './entity-key';
import { eventIdsOf, inFoldOrder } from './fold-order';
import type { ChangedPaths } from './pull-request-facts';

export interface PushedCommit {
  sha: string;
  authoredAt: Millis | null;
  author: Actor | null;
  changedPaths: ChangedPaths | null;
}

/**
 * One push to one ref. Pushes order the commits of a ref (which merge commits a deployed sha
 * contains when the deployment does not list them) and, on the default branch, are the changes
 * merged without a pull request.
 */
export interface PushFacts {
  kind: 'push';
  key: EntityKey;
  tool: string;
  repo: string;
  ref: string;
  afterSha: string;
  pushedAt: Millis | null;
  defaultBranch: string | null;
  deleted: boolean;
  commits: PushedCommit[];
  eventIds: string[];
}

export function foldPush(ref: { tool: string; repo: string; ref: string; afterSha: string }, events: readonly CanonicalEvent[]): PushFacts {
  const ordered = inFoldOrder(events);
  const push: PushFacts = {
    kind: 'push',
    key: entityKey.push(ref.tool, ref.repo, ref.ref, ref.afterSha),
    tool: ref.tool,
    repo: normalizeRepo(ref.repo),
    ref: ref.ref,
    afterSha: normalizeSha(ref.afterSha),
    pushedAt: null,
    defaultBranch: null,
    deleted: false,
    commits: [],
    eventIds: eventIdsOf(ordered),
  };
  for (const event of ordered) {
    if (event.type !== 'CommitsPushed') continue;
    const { data } = event;
    push.pushedAt = millisOf(data.pushedAt);
    push.defaultBranch = data.defaultBranch ?? null;
    push.deleted = data.deleted === true;
    push.commits = (data.commits ?? []).map((commit) => ({
      sha: normalizeSha(commit.sha ?? ''),
      authoredAt: millisOf(commit.authoredAt),
      author: actorOfIdentity(commit.author),
      changedPaths: commit.changedPaths ? { paths: [...(commit.changedPaths.paths ?? [])], truncated: commit.changedPaths.truncated === true } : null,
    }));
  }
  return push;
}
