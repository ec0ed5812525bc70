import { streamFor, type DeploymentStatusJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { DerivedEvent, Normalization, NormalizerSettings } from '../normalizer';
import { matchesEnvironment } from '../shared/environments';
import { parsePayload, timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { rollbackMarks } from './deployment-rollback';
import { GITHUB, optionalGithubIdentity } from './github-identity';
import { deploymentDelivery, deploymentStatusDelivery, type GithubDeployment } from './github-payload';
import { ignored, type GithubFamily } from './github-routing';

/**
 * Production, in this order: a transient environment (a review app, `transient_environment`) never
 * is; an environment GitHub marks `production_environment: true` is; otherwise the configured
 * names decide (`settings.productionEnvironments`). GitHub's flag defaults to false for every name
 * but `production`, so its absence or `false` is no statement and the configuration still applies.
 */
export function isProductionDeployment(
  deployment: GithubDeployment,
  environment: string,
  settings: NormalizerSettings,
): boolean {
  if (deployment.transient_environment === true) return false;
  if (deployment.production_environment === true) return true;
  return matchesEnvironment(environment, settings.productionEnvironments);
}

/** What DeploymentStarted and DeploymentFinished both say: which deployment, of what, where, by whom. */
function deploymentCommon(deployment: GithubDeployment, repo: string, environment: string, settings: NormalizerSettings) {
  const triggeredBy = optionalGithubIdentity(deployment.creator);
  return {
    tool: GITHUB,
    deploymentId: String(deployment.id),
    repository: { tool: GITHUB, id: repo },
    environment,
    production: isProductionDeployment(deployment, environment, settings),
    sha: deployment.sha,
    ...(deployment.ref ? { ref: deployment.ref } : {}),
    ...(triggeredBy ? { triggeredBy } : {}),
  };
}

/** A deployment fact before `deploymentEvent` places it (distributed, so `type` still picks `data`). */
type DeploymentFact<E = DerivedEvent> = E extends { type: 'DeploymentStarted' | 'DeploymentFinished' } ? Omit<E, 'streamId' | 'occurredAt'> : never;

/** Each deployment delivery gives one fact, on the deployment's stream at the vendor's time of it. */
function deploymentEvent(deployment: GithubDeployment, occurredAt: string, fact: DeploymentFact): Normalization {
  return { outcome: 'events', events: [{ ...fact, streamId: streamFor.deployment(GITHUB, String(deployment.id)), occurredAt }] };
}

/** A deployment was created: it starts then (its statuses say how it ends). */
export const deploymentFamily: GithubFamily = {
  handled: ['created'],
  ignored: {},
  normalize: (body, settings) => {
    const { deployment, repository } = parsePayload(deploymentDelivery, body, 'GitHub deployment delivery');
    const startedAt = timeAt(fromIsoTime, deployment.created_at, 'deployment.created_at');
    return deploymentEvent(deployment, startedAt, {
      type: 'DeploymentStarted',
      data: { ...deploymentCommon(deployment, repository.full_name, deployment.environment, settings), startedAt },
    });
  },
};

const FINISHED_STATES: Record<string, DeploymentStatusJson> = {
  success: 'DEPLOYMENT_STATUS_SUCCESS',
  failure: 'DEPLOYMENT_STATUS_FAILURE',
  error: 'DEPLOYMENT_STATUS_ERROR',
};

/**
 * Non-terminal statuses are ignored rather than read as a start: the `deployment` delivery already
 * gave DeploymentStarted at the deployment's creation, and DeploymentFinished repeats its start
 * time, environment and sha, so nothing is lost when that delivery is missing. `inactive` is
 * GitHub retiring an older deployment once a newer one succeeded: not an outcome of this one.
 */
const NON_TERMINAL_STATES: Record<string, string> = {
  pending: 'not finished; the deployment delivery gave DeploymentStarted',
  queued: 'not finished; the deployment delivery gave DeploymentStarted',
  in_progress: 'not finished; the deployment delivery gave DeploymentStarted',
  waiting: 'waiting for a protection rule; not finished',
  inactive: 'GitHub retired this deployment after a newer one: not an outcome of this deployment',
};

export const deploymentStatusFamily: GithubFamily = {
  handled: ['created'],
  ignored: {},
  normalize: (body, settings) => {
    const delivery = parsePayload(deploymentStatusDelivery, body, 'GitHub deployment_status delivery');
    const { deployment, deployment_status: status } = delivery;
    const state = status.state.toLowerCase();
    const nonTerminal = NON_TERMINAL_STATES[state];
    if (nonTerminal !== undefined) return ignored(`state ${state}: ${nonTerminal}`);
    const finishedState = FINISHED_STATES[state];
    if (finishedState === undefined) {
      throw new NormalizationError('UNKNOWN_EVENT_TYPE', `GitHub deployment_status state "${status.state}" is not handled`);
    }
    const finishedAt = timeAt(fromIsoTime, status.created_at, 'deployment_status.created_at');
    const environment = status.environment || deployment.environment;
    return deploymentEvent(deployment, finishedAt, {
      type: 'DeploymentFinished',
      data: {
        ...deploymentCommon(deployment, delivery.repository.full_name, environment, settings),
        status: finishedState,
        startedAt: timeAt(fromIsoTime, deployment.created_at, 'deployment.created_at'),
        finishedAt,
        ...rollbackMarks(deployment),
      },
    });
  },
};
