import type { PushFacts } from '../facts/push-facts';
import { sameCommit, shaIndexKey } from '../shared/sha';
import { byKey } from '../shared/compare';

export interface RefPosition {
  ref: string;
  /** The rank, on its ref, of the push that first brought the commit. */
  position: number;
}

/** repo → sha index key → (full sha, position) entries. */
type PositionIndex = Map<string, Map<string, { sha: string; at: RefPosition }[]>>;

/**
 * The order in which commits reached each ref of each repository, from the pushes. A deployment
 * of sha S contains commit M when both reached the same ref and M no later than S (what
 * deployments.proto means by "containment follows CommitsPushed on the deployed ref" when a
 * deployment does not list its commits). Force pushes and deleted branches are not rewound: a
 * commit keeps the position of the push that first brought it.
 */
export class RefHistory {
  private index: PositionIndex | undefined;

  /**
   * Indexed by the first question: only deployments that do not list their commits ask, and when
   * every deployment lists them, indexing every pushed commit would be work nobody reads.
   */
  constructor(private readonly pushes: readonly PushFacts[]) {}

  /** Where the commit first reached each ref it is on. */
  positionsOf(repo: string, sha: string): RefPosition[] {
    this.index ??= indexPositions(this.pushes);
    const entries = this.index.get(repo)?.get(shaIndexKey(sha)) ?? [];
    return entries.filter((entry) => sameCommit(entry.sha, sha)).map((entry) => entry.at);
  }
}

function indexPositions(pushes: readonly PushFacts[]): PositionIndex {
  const index: PositionIndex = new Map();
  const byRef = new Map<string, PushFacts[]>();
  for (const push of pushes) {
    if (push.deleted || push.pushedAt === null) continue;
    const refKey = `${push.repo}\u0000${push.ref}`;
    const list = byRef.get(refKey);
    if (list) list.push(push);
    else byRef.set(refKey, [push]);
  }
  for (const refPushes of byRef.values()) {
    refPushes.sort((a, b) => (a.pushedAt ?? 0) - (b.pushedAt ?? 0) || byKey(a, b));
    refPushes.forEach((push, position) => {
      for (const commit of push.commits) add(index, push.repo, commit.sha, { ref: push.ref, position });
      add(index, push.repo, push.afterSha, { ref: push.ref, position });
    });
  }
  return index;
}

function add(index: PositionIndex, repo: string, sha: string, at: RefPosition): void {
  if (sha.length === 0 || /^0+$/.test(sha)) return;
  let repoIndex = index.get(repo);
  if (!repoIndex) index.set(repo, (repoIndex = new Map()));
  const key = shaIndexKey(sha);
  const entries = repoIndex.get(key) ?? [];
  if (entries.some((entry) => entry.sha === sha && entry.at.ref === at.ref)) return;
  entries.push({ sha, at });
  repoIndex.set(key, entries);
}
