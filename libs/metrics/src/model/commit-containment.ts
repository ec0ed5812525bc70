import { sameCommit, shaIndexKey } from '../shared/sha';
import type { Deployment } from './metric-model';
import type { RefHistory, RefPosition } from './ref-history';
import { byKey } from '../shared/compare';

/** A deployment counts for delivery when it succeeded in production and says when it finished. */
export function isProductionDeployment(deployment: Deployment): deployment is Deployment & { finishedAt: number } {
  return deployment.production && deployment.successful && deployment.finishedAt !== null;
}

/** Deployments in the order they finished, ties by key. */
export function byFinish(a: Deployment, b: Deployment): number {
  return (a.finishedAt ?? 0) - (b.finishedAt ?? 0) || byKey(a, b);
}

interface PositionedDeployment {
  deployment: Deployment;
  at: RefPosition;
}

/**
 * Which production deployments contain a commit: the deployed sha itself, the commits the
 * deployment lists, or (when it lists none) every commit that reached the deployed sha's ref
 * before it. A deployment belongs to a repository by its own repository, else by its service.
 */
export class CommitContainment {
  private readonly bySha = new Map<string, Deployment[]>();
  private readonly positioned = new Map<string, PositionedDeployment[]>();

  constructor(
    deployments: readonly Deployment[],
    private readonly history: RefHistory,
    private readonly serviceForRepo: (repo: string) => string | undefined,
  ) {
    for (const deployment of [...deployments].filter(isProductionDeployment).sort(byFinish)) {
      const shas = [...(deployment.sha ? [deployment.sha] : []), ...(deployment.includedCommits ?? [])];
      for (const sha of new Set(shas)) this.index(sha, deployment);
      if (deployment.includedCommits === null && deployment.sha && deployment.repo) {
        for (const at of history.positionsOf(deployment.repo, deployment.sha)) {
          const list = this.positioned.get(deployment.repo) ?? [];
          list.push({ deployment, at });
          this.positioned.set(deployment.repo, list);
        }
      }
    }
  }

  /** The first (by finish) production deployment of the repository that contains the commit. */
  firstContaining(repo: string, sha: string): Deployment | null {
    const service = this.serviceForRepo(repo);
    const inRepo = (deployment: Deployment) => (deployment.repo !== null ? deployment.repo === repo : service !== undefined && deployment.service === service);
    let first: Deployment | null = null;
    const consider = (deployment: Deployment) => {
      if (inRepo(deployment) && (first === null || byFinish(deployment, first) < 0)) first = deployment;
    };
    for (const deployment of this.bySha.get(shaIndexKey(sha)) ?? []) {
      if (this.contains(deployment, sha)) consider(deployment);
    }
    for (const commitAt of this.history.positionsOf(repo, sha)) {
      for (const { deployment, at } of this.positioned.get(repo) ?? []) {
        if (at.ref === commitAt.ref && at.position >= commitAt.position) consider(deployment);
      }
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
