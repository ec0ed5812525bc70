import { sameCommit, shaIndexKey } from '../shared/sha';
import type { Deployment } from './metric-model';
import type { RefHistory } from './ref-history';
import { byKey } from '../shared/compare';

/** A deployment counts for delivery when it succeeded in production and says when it finished. */
export function isProductionDeployment(deployment: Deployment): deployment is Deployment & { finishedAt: number } {
  return deployment.production && deployment.successful && deployment.finishedAt !== null;
}

/** Deployments in the order they finished, ties by key. */
export function byFinish(a: Deployment, b: Deployment): number {
  return (a.finishedAt ?? 0) - (b.finishedAt ?? 0) || byKey(a, b);
}

/**
 * The deployments positioned on one ref, by position, with the first-finishing deployment at or
 * after each position (a suffix minimum), so "the first deployment at or after position p" is a
 * binary search rather than a scan of every deployment of the repository.
 */
export class RefDeployments {
  private readonly positions: number[];
  private readonly earliestFrom: Deployment[];

  constructor(entries: readonly { deployment: Deployment; position: number }[]) {
    const sorted = [...entries].sort((a, b) => a.position - b.position);
    this.positions = sorted.map((entry) => entry.position);
    this.earliestFrom = new Array<Deployment>(sorted.length);
    for (let i = sorted.length - 1; i >= 0; i--) {
      const later = this.earliestFrom[i + 1];
      const here = sorted[i].deployment;
      this.earliestFrom[i] = later !== undefined && byFinish(later, here) < 0 ? later : here;
    }
  }

  /** The first (by finish) deployment at or after the position, if any. */
  firstFrom(position: number): Deployment | null {
    let low = 0;
    let high = this.positions.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.positions[middle] < position) low = middle + 1;
      else high = middle;
    }
    return this.earliestFrom[low] ?? null;
  }
}

/**
 * Which production deployments contain a commit: the deployed sha itself, the commits the
 * deployment lists, or (when it lists none) every commit that reached the deployed sha's ref
 * before it. A deployment belongs to a repository by its own repository, else by its service.
 */
export class CommitContainment {
  private readonly bySha = new Map<string, Deployment[]>();
  /** repo → ref → the deployments of the repository positioned on that ref. */
  private readonly positioned = new Map<string, Map<string, RefDeployments>>();

  constructor(
    deployments: readonly Deployment[],
    private readonly history: RefHistory,
    private readonly serviceForRepo: (repo: string) => string | undefined,
  ) {
    const positioned = new Map<string, Map<string, { deployment: Deployment; position: number }[]>>();
    for (const deployment of [...deployments].filter(isProductionDeployment).sort(byFinish)) {
      const shas = [...(deployment.sha ? [deployment.sha] : []), ...(deployment.includedCommits ?? [])];
      for (const sha of new Set(shas)) this.index(sha, deployment);
      if (deployment.includedCommits === null && deployment.sha && deployment.repo) {
        for (const at of history.positionsOf(deployment.repo, deployment.sha)) {
          let byRef = positioned.get(deployment.repo);
          if (!byRef) positioned.set(deployment.repo, (byRef = new Map()));
          const list = byRef.get(at.ref);
          if (list) list.push({ deployment, position: at.position });
          else byRef.set(at.ref, [{ deployment, position: at.position }]);
        }
      }
    }
    for (const [repo, byRef] of positioned) {
      this.positioned.set(repo, new Map([...byRef].map(([ref, entries]) => [ref, new RefDeployments(entries)])));
    }
  }

  /** The first (by finish) production deployment of the repository that contains the commit. */
  firstContaining(repo: string, sha: string): Deployment | null {
    // Plain loops, no closures: called for every pull request and every named cause.
    const service = this.serviceForRepo(repo);
    let first: Deployment | null = null;
    for (const deployment of this.bySha.get(shaIndexKey(sha)) ?? []) {
      const inRepo = deployment.repo !== null ? deployment.repo === repo : service !== undefined && deployment.service === service;
      if (inRepo && this.contains(deployment, sha) && (first === null || byFinish(deployment, first) < 0)) first = deployment;
    }
    // Positioned deployments are filed under their own repository: they are all in this one.
    const byRef = this.positioned.get(repo);
    for (const commitAt of byRef ? this.history.positionsOf(repo, sha) : []) {
      const deployment = byRef?.get(commitAt.ref)?.firstFrom(commitAt.position);
      if (deployment && (first === null || byFinish(deployment, first) < 0)) first = deployment;
    }
    return first;
  }

  private contains(deployment: Deployment, sha: string): boolean {
    if (deployment.sha && sameCommit(deployment.sha, sha)) return true;
    return (deployment.includedCommits ?? []).some((included) => sameCommit(included, sha));
  }

  private index(sha: string, deployment: Deployment): void {
    const key = shaIndexKey(sha);
    const list = this.bySha.get(key);
    if (list) {
      if (!list.includes(deployment)) list.push(deployment);
    } else {
      this.bySha.set(key, [deployment]);
    }
  }
}
