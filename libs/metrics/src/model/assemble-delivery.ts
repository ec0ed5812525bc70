import type { Directory, KpiSettings } from '@tandem/directory';
import type { DeploymentFacts } from '../facts/deployment-facts';
import { entityKey } from '../facts/entity-key';
import type { PullRequestFacts } from '../facts/pull-request-facts';
import type { PushFacts } from '../facts/push-facts';
import { sameCommit, shaIndexKey } from '../shared/sha';
import { byFinish, isProductionDeployment, type CommitContainment } from './commit-containment';
import type { InfraPaths } from './infra-paths';
import type { Deployment, DirectInfraChange, PullRequest, Review } from './metric-model';
import type { People } from './people';
import { byKey, compareText } from '../shared/compare';

export function assembleDeployment(deployment: DeploymentFacts, directory: Directory, settings: KpiSettings): Deployment {
  const environment = deployment.environment?.toLowerCase() ?? null;
  return {
    kind: 'deployment',
    key: deployment.key,
    tool: deployment.tool,
    deploymentId: deployment.deploymentId,
    service: deployment.service ?? (deployment.repo === null ? null : (directory.serviceForRepo(deployment.repo) ?? null)),
    repo: deployment.repo,
    environment: deployment.environment,
    // The tool's classification, else the configured production environment names.
    production: deployment.production || (environment !== null && settings.productionEnvironments.some((name) => name.toLowerCase() === environment)),
    successful: deployment.status === 'success',
    finishedAt: deployment.finishedAt,
    sha: deployment.sha,
    includedCommits: deployment.includedCommits,
    rollback: deployment.rollback,
    reverts: { deploymentId: deployment.revertsDeploymentId, sha: deployment.revertsSha },
    undoes: null,
    undoneBy: [],
    incidents: [],
    eventIds: deployment.eventIds,
  };
}

/**
 * The deployment a rollback or revert undoes: the one it names; else the first production
 * deployment containing the sha it reverts; else (a rollback to an earlier version) the latest
 * production deployment of the same service and environment before it.
 */
function undoneBy(rollback: Deployment, production: readonly Deployment[], containment: CommitContainment): Deployment | null {
  const before = (deployment: Deployment | null | undefined): Deployment | null =>
    deployment && deployment.key !== rollback.key && byFinish(deployment, rollback) < 0 ? deployment : null;
  const { deploymentId, sha } = rollback.reverts;
  if (deploymentId !== null) {
    const named = entityKey.deployment(rollback.tool, deploymentId);
    return before(production.find((deployment) => deployment.key === named));
  }
  if (sha !== null) return rollback.repo === null ? null : before(containment.firstContaining(rollback.repo, sha));
  const previous = production.filter(
    (deployment) => before(deployment) && deployment.service === rollback.service && deployment.environment === rollback.environment,
  );
  return previous.reduce<Deployment | null>((latest, deployment) => (latest === null || byFinish(deployment, latest) > 0 ? deployment : latest), null);
}

/** Fills `undoes` and `undoneBy` for every production rollback or revert. */
export function resolveRollbacks(deployments: readonly Deployment[], containment: CommitContainment): void {
  const production = deployments.filter(isProductionDeployment);
  for (const rollback of production) {
    // Naming what it undoes makes a deployment a rollback or revert, flagged or not.
    if (!rollback.rollback && rollback.reverts.deploymentId === null && rollback.reverts.sha === null) continue;
    const undone = undoneBy(rollback, production, containment);
    if (undone === null) continue;
    rollback.undoes = undone.key;
    undone.undoneBy.push(rollback.key);
  }
  for (const deployment of production) deployment.undoneBy.sort();
}

export function assemblePullRequest(pr: PullRequestFacts, people: People, directory: Directory, infraPaths: InfraPaths, containment: CommitContainment): PullRequest {
  const reviews: Review[] = [];
  for (const review of pr.reviews) {
    const reviewerId = people.personOf(review.reviewer);
    if (reviewerId !== null) reviews.push({ reviewId: review.reviewId, reviewerId, state: review.state, at: review.at });
  }
  reviews.sort((a, b) => a.at - b.at || compareText(a.reviewId, b.reviewId));
  const service = directory.serviceForRepo(pr.repo);
  return {
    kind: 'pull_request',
    key: pr.key,
    repo: pr.repo,
    number: pr.number,
    authorId: people.personOf(pr.author),
    authorIsBot: people.isBot(pr.author),
    openedAt: pr.openedAt,
    firstCommitAuthoredAt: pr.firstCommitAuthoredAt,
    mergedAt: pr.mergedAt,
    mergeCommitSha: pr.mergeCommitSha,
    services: service ? [service] : [],
    infra: infraPaths.classify(pr.changedPaths),
    reviews,
    deployedBy: pr.mergedAt !== null && pr.mergeCommitSha !== null ? (containment.firstContaining(pr.repo, pr.mergeCommitSha)?.key ?? null) : null,
    eventIds: pr.eventIds,
  };
}

function isDefaultBranch(push: PushFacts): boolean {
  if (push.defaultBranch !== null) return push.ref === `refs/heads/${push.defaultBranch}`;
  return push.ref === 'refs/heads/main' || push.ref === 'refs/heads/master';
}

/**
 * Commits pushed straight to a default branch that touch infrastructure: the changes merged
 * without a pull request (git.proto). A push whose head is a merged PR's merge commit is that
 * PR's merge, already counted as the PR. A commit pushed twice counts at its first push.
 */
export function directInfraChanges(pushes: readonly PushFacts[], pullRequests: readonly PullRequestFacts[], people: People, directory: Directory, infraPaths: InfraPaths): DirectInfraChange[] {
  // repo → sha index key → merge commits: nested, so that no lookup builds a key string.
  const merges = new Map<string, Map<string, string[]>>();
  for (const pr of pullRequests) {
    if (pr.mergeCommitSha === null) continue;
    let byIndexKey = merges.get(pr.repo);
    if (!byIndexKey) merges.set(pr.repo, (byIndexKey = new Map()));
    const key = shaIndexKey(pr.mergeCommitSha);
    const list = byIndexKey.get(key);
    if (list) list.push(pr.mergeCommitSha);
    else byIndexKey.set(key, [pr.mergeCommitSha]);
  }
  const isMerge = (repo: string, sha: string) => merges.get(repo)?.get(shaIndexKey(sha))?.some((merge) => sameCommit(merge, sha)) ?? false;
  const ordered = pushes
    .filter((push) => !push.deleted && isDefaultBranch(push) && !isMerge(push.repo, push.afterSha))
    .sort((a, b) => (a.pushedAt ?? 0) - (b.pushedAt ?? 0) || byKey(a, b));
  const seen = new Set<string>();
  const changes: DirectInfraChange[] = [];
  for (const push of ordered) {
    const service = directory.serviceForRepo(push.repo);
    for (const commit of push.commits) {
      const commitKey = `${push.repo}\u0000${commit.sha}`;
      if (seen.has(commitKey) || isMerge(push.repo, commit.sha) || infraPaths.classify(commit.changedPaths) !== true) continue;
      seen.add(commitKey);
      changes.push({
        kind: 'direct_change',
        key: `${push.key}:${commit.sha}`,
        repo: push.repo,
        sha: commit.sha,
        authorId: people.personOf(commit.author),
        authorIsBot: people.isBot(commit.author),
        pushedAt: push.pushedAt,
        services: service ? [service] : [],
        eventIds: push.eventIds,
      });
    }
  }
  return changes.sort(byKey);
}
