import type { CanonicalEvent, DeploymentStatusJson } from '@tandem/contracts';
import { millisOf, type Millis } from '../shared/millis';
import { normalizeRepo, normalizeSha } from '../shared/sha';
import { entityKey, type EntityKey } from './entity-key';
import { eventIdsOf, inFoldOrder } from './fold-order';

export type DeploymentStatus = 'in_progress' | 'success' | 'failure' | 'error' | 'cancelled';

const STATUS_OF_JSON: Readonly<Record<DeploymentStatusJson, DeploymentStatus>> = {
  DEPLOYMENT_STATUS_UNSPECIFIED: 'in_progress',
  DEPLOYMENT_STATUS_SUCCESS: 'success',
  DEPLOYMENT_STATUS_FAILURE: 'failure',
  DEPLOYMENT_STATUS_ERROR: 'error',
  DEPLOYMENT_STATUS_CANCELLED: 'cancelled',
};

/** One deployment to one environment, folded from its start and its (latest) finish. */
export interface DeploymentFacts {
  kind: 'deployment';
  key: EntityKey;
  tool: string;
  deploymentId: string;
  /** Service slug when the tool names it; else the repository's service (model assembly). */
  service: string | null;
  /** Lower-cased `org/repo`. */
  repo: string | null;
  environment: string | null;
  /** The tool classed the environment as production. */
  production: boolean;
  status: DeploymentStatus;
  finishedAt: Millis | null;
  /** The deployed commit, possibly abbreviated. */
  sha: string | null;
  /** The commits the deployment brought; null when the tool did not say. */
  includedCommits: string[] | null;
  /** This deployment undoes an earlier one (rollback or revert). */
  rollback: boolean;
  revertsDeploymentId: string | null;
  revertsSha: string | null;
  eventIds: string[];
}

function evolve(deployment: DeploymentFacts, event: CanonicalEvent): void {
  switch (event.type) {
    case 'DeploymentStarted': {
      const { data } = event;
      deployment.service ??= data.service ?? null;
      deployment.repo ??= data.repository?.id ? normalizeRepo(data.repository.id) : null;
      deployment.environment ??= data.environment ?? null;
      deployment.production ||= data.production === true;
      deployment.sha ??= data.sha ? normalizeSha(data.sha) : null;
      return;
    }
    case 'DeploymentFinished': {
      // The latest finish wins: a status can move (a redeploy of the same id, a late failure).
      const { data } = event;
      deployment.service = data.service ?? deployment.service;
      deployment.repo = data.repository?.id ? normalizeRepo(data.repository.id) : deployment.repo;
      deployment.environment = data.environment ?? deployment.environment;
      deployment.production = data.production === true || deployment.production;
      deployment.status = STATUS_OF_JSON[data.status ?? 'DEPLOYMENT_STATUS_UNSPECIFIED'];
      deployment.sha = data.sha ? normalizeSha(data.sha) : deployment.sha;
      deployment.finishedAt = millisOf(data.finishedAt);
      deployment.includedCommits = data.includedCommits ? (data.includedCommits.shas ?? []).map(normalizeSha) : deployment.includedCommits;
      deployment.rollback = data.rollback === true;
      deployment.revertsDeploymentId = data.revertsDeploymentId ?? null;
      deployment.revertsSha = data.revertsSha ? normalizeSha(data.revertsSha) : null;
      return;
    }
    default:
      return;
  }
}

export function foldDeployment(ref: { tool: string; deploymentId: string }, events: readonly CanonicalEvent[]): DeploymentFacts {
  const ordered = inFoldOrder(events);
  const deployment: DeploymentFacts = {
    kind: 'deployment',
    key: entityKey.deployment(ref.tool, ref.deploymentId),
    tool: ref.tool,
    deploymentId: ref.deploymentId,
    service: null,
    repo: null,
    environment: null,
    production: false,
    status: 'in_progress',
    finishedAt: null,
    sha: null,
    includedCommits: null,
    rollback: false,
    revertsDeploymentId: null,
    revertsSha: null,
    eventIds: [],
  };
  for (const event of ordered) evolve(deployment, event);
  deployment.eventIds = eventIdsOf(ordered);
  return deployment;
}
