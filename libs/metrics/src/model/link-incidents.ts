import type { EntityKey } from '../facts/entity-key';
import type { NamedCause } from '../facts/incident-facts';
import type { Millis } from '../shared/millis';
import { SECOND_MS } from '../shared/millis';
import { isProductionDeployment } from './commit-containment';
import type { Deployment, DeploymentLink, Incident, IncidentLinking } from './metric-model';
import { byKey } from '../shared/compare';

/** What the linking reads of an incident. */
export type LinkableIncident = Pick<Incident, 'key' | 'excluded' | 'notChangeCaused' | 'namedCause' | 'services' | 'impactStart' | 'resolved'>;

export interface LinkingOptions {
  /** Rule 2's window before `impactStart` (metrics.md default 24 h). */
  linkWindowSeconds: number;
  /** The deployment a named cause designates (the deployment itself, or the first production deployment containing the commit or the PR's merge commit). */
  deploymentOfCause(cause: NamedCause): Deployment | null;
}

function latestFirst(a: Deployment, b: Deployment): number {
  return (b.finishedAt ?? 0) - (a.finishedAt ?? 0) || byKey(a, b);
}

const EVIDENCE_OF_CAUSE = { deployment: 'named_deployment', commit: 'named_commit', pull_request: 'named_pull_request' } as const;

/**
 * Links incidents to the deployments that caused them (metrics.md), in priority order:
 * 1. explicit: a human named the deployment, commit or PR (the latest naming wins), else a
 *    rollback or revert of a deployment of an affected service finished during the incident
 *    (impactStart → resolved) names the deployment it undid, if that one finished before impactStart;
 * 2. same_service_window: the latest successful production deployment of an affected service
 *    finished within `linkWindowSeconds` before `impactStart` (both bounds included);
 * 3. none. An incident marked not change-caused (or declined, canceled, merged) never links.
 * Only successful production deployments are candidates, so a link always names a change that
 * reached production. Pure: the same incidents and deployments give the same links.
 */
export function linkIncidentsToDeployments(
  incidents: readonly LinkableIncident[],
  deployments: readonly Deployment[],
  options: LinkingOptions,
): Map<EntityKey, IncidentLinking> {
  const production = deployments.filter(isProductionDeployment);
  const byService = new Map<string, Deployment[]>();
  for (const deployment of production) {
    if (deployment.service === null) continue;
    const list = byService.get(deployment.service) ?? [];
    list.push(deployment);
    byService.set(deployment.service, list);
  }
  for (const list of byService.values()) list.sort(latestFirst);
  // Few deployments undo another: an incident looks through those, not every deployment of its services.
  const rollbacksByService = new Map([...byService].map(([service, list]) => [service, list.filter((deployment) => deployment.undoes !== null)]));
  const byKey = new Map(production.map((deployment) => [deployment.key, deployment]));
  const windowMs = options.linkWindowSeconds * SECOND_MS;

  const linkings = new Map<EntityKey, IncidentLinking>();
  for (const incident of incidents) linkings.set(incident.key, linkOne(incident));
  return linkings;

  function linkOne(incident: LinkableIncident): IncidentLinking {
    if (incident.excluded !== null) return { rule: 'none', links: [], reason: 'excluded' };
    if (incident.notChangeCaused) return { rule: 'none', links: [], reason: 'not_change_caused' };
    if (incident.namedCause) {
      // A human named the cause: never blame another deployment, even when theirs is not (yet) deployed.
      const named = options.deploymentOfCause(incident.namedCause);
      if (named === null) return { rule: 'none', links: [], reason: 'named_cause_not_deployed' };
      return { rule: 'explicit', links: [{ deployment: named.key, rule: 'explicit', evidence: EVIDENCE_OF_CAUSE[incident.namedCause.kind] }] };
    }
    if (incident.impactStart === null) return { rule: 'none', links: [], reason: 'no_candidate' };
    const rolledBack = undoneDuring(incident, incident.impactStart);
    if (rolledBack.length > 0) return { rule: 'explicit', links: rolledBack };
    const recent = latestBefore(incident.services, incident.impactStart);
    if (recent) return { rule: 'same_service_window', links: [{ deployment: recent.key, rule: 'same_service_window', evidence: 'same_service_window' }] };
    return { rule: 'none', links: [], reason: 'no_candidate' };
  }

  function undoneDuring(incident: LinkableIncident, impactStart: Millis): DeploymentLink[] {
    const end = incident.resolved ?? Number.POSITIVE_INFINITY;
    const undone = new Set<EntityKey>();
    for (const service of incident.services) {
      for (const rollback of rollbacksByService.get(service) ?? []) {
        const finishedAt = rollback.finishedAt ?? 0;
        const cause = rollback.undoes === null ? undefined : byKey.get(rollback.undoes);
        // A cause precedes its effect: the undone deployment finished by the time impact started.
        if (cause && (cause.finishedAt ?? 0) <= impactStart && impactStart <= finishedAt && finishedAt <= end) undone.add(cause.key);
      }
    }
    return [...undone].sort().map((deployment) => ({ deployment, rule: 'explicit', evidence: 'rollback' }));
  }

  function latestBefore(services: readonly string[], impactStart: Millis): Deployment | null {
    let latest: Deployment | null = null;
    for (const service of services) {
      const candidate = firstFinishedBy(byService.get(service) ?? [], impactStart);
      if (candidate && (candidate.finishedAt ?? 0) >= impactStart - windowMs && (latest === null || latestFirst(candidate, latest) < 0)) latest = candidate;
    }
    return latest;
  }
}

/** The first deployment of a latest-first list that finished at or before the instant: a binary search, as a year has thousands per service. */
function firstFinishedBy(latestFirstList: readonly Deployment[], at: Millis): Deployment | undefined {
  let low = 0;
  let high = latestFirstList.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((latestFirstList[middle].finishedAt ?? 0) > at) low = middle + 1;
    else high = middle;
  }
  return latestFirstList[low];
}
