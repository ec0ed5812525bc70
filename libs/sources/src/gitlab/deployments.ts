import { streamFor, type DeploymentStatusJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { Normalization, NormalizerSettings } from '../normalizer';
import { matchesEnvironment } from '../shared/environments';
import { parsePayload, timeAt } from '../shared/payload';
import { fromGitlabTime } from '../vendor-time';
import { GITLAB, optionalGitlabIdentity } from './gitlab-identity';
import { deploymentDelivery, type DeploymentDelivery } from './gitlab-payload';

const FINISHED: Record<string, DeploymentStatusJson> = {
  success: 'DEPLOYMENT_STATUS_SUCCESS',
  failed: 'DEPLOYMENT_STATUS_FAILURE',
  canceled: 'DEPLOYMENT_STATUS_CANCELLED',
};

const NOT_STARTED: Record<string, string> = {
  created: 'created but not running yet; its running delivery starts it',
  blocked: 'waiting for an approval; its running delivery starts it',
};

/**
 * Deployment Hook: `running` → DeploymentStarted, `success`/`failed`/`canceled` →
 * DeploymentFinished, each at `status_changed_at`.
 */
export function normalizeDeployment(body: unknown, settings: NormalizerSettings): Normalization {
  const delivery = parsePayload(deploymentDelivery, body, 'GitLab Deployment Hook');
  const status = delivery.status;
  const notStarted = NOT_STARTED[status];
  if (notStarted !== undefined) return { outcome: 'ignored', reason: `GitLab Deployment Hook ${status}: ${notStarted}` };
  const at = timeAt(fromGitlabTime, delivery.status_changed_at, 'status_changed_at');
  const streamId = streamFor.deployment(GITLAB, String(delivery.deployment_id));
  const triggeredBy = optionalGitlabIdentity(delivery.user);
  const common = {
    tool: GITLAB,
    deploymentId: String(delivery.deployment_id),
    repository: { tool: GITLAB, id: delivery.project.path_with_namespace },
    environment: delivery.environment,
    production: isProduction(delivery, settings),
    sha: deployedSha(delivery),
    ...(delivery.ref ? { ref: delivery.ref } : {}),
    ...(triggeredBy ? { triggeredBy } : {}),
  };
  if (status === 'running') {
    return { outcome: 'events', events: [{ type: 'DeploymentStarted', streamId, occurredAt: at, data: { ...common, startedAt: at } }] };
  }
  const finished = FINISHED[status];
  if (finished === undefined) {
    throw new NormalizationError('UNKNOWN_EVENT_TYPE', `GitLab Deployment Hook status "${status}" is not handled`);
  }
  return {
    outcome: 'events',
    events: [
      {
        type: 'DeploymentFinished',
        streamId,
        occurredAt: at,
        data: { ...common, status: finished, finishedAt: at, rollback: isRevertCommit(delivery) },
      },
    ],
  };
}

/**
 * `environment_tier` is GitLab's own classification (set in the CI file, or inferred by GitLab
 * from the name), so it decides when present; older hooks without it fall back to the
 * configured names (`settings.productionEnvironments`).
 */
function isProduction(delivery: DeploymentDelivery, settings: NormalizerSettings): boolean {
  if (delivery.environment_tier) return delivery.environment_tier === 'production';
  return matchesEnvironment(delivery.environment, settings.productionEnvironments);
}

/**
 * The hook names the commit by `short_sha`, but `commit_url` ends in the full sha, which is what
 * merge commits are matched against; the short sha only when the URL does not give it.
 */
function deployedSha(delivery: DeploymentDelivery): string {
  const fromUrl = /\/commit\/([0-9a-f]{40})(?:[/?#]|$)/i.exec(delivery.commit_url ?? '')?.[1];
  return fromUrl ?? delivery.short_sha;
}

/**
 * GitLab marks no rollback in the hook (its "re-deploy" of an older deployment looks like any
 * deployment). What it does say is the deployed commit's title: a commit made by `git revert`
 * (title `Revert "…"`, GitLab's own revert button writes the same) undoes an earlier change, so
 * its deployment is a revert deployment (metrics.md change_failure_rate).
 */
function isRevertCommit(delivery: DeploymentDelivery): boolean {
  return /^Revert\s+"/.test(delivery.commit_title ?? '');
}
