import type { CanonicalEvent } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import type { ActionItemFacts } from '../facts/action-item-facts';
import type { DeploymentFacts } from '../facts/deployment-facts';
import { entityKey, type EntityKey } from '../facts/entity-key';
import { foldEvents, type EntityFacts } from '../facts/entity-facts';
import { foldIncident, type IncidentFacts, type NamedCause, type ToolRef } from '../facts/incident-facts';
import type { PageFacts } from '../facts/page-facts';
import type { PostmortemFacts } from '../facts/postmortem-facts';
import type { PullRequestFacts } from '../facts/pull-request-facts';
import type { PushFacts } from '../facts/push-facts';
import type { ThreadFacts } from '../facts/thread-facts';
import { normalizeRepo, normalizeSha } from '../shared/sha';
import { assembleDeployment, assemblePullRequest, directInfraChanges, resolveRollbacks } from './assemble-delivery';
import { assembleActionItem, assemblePostmortem, assembleThread } from './assemble-follow-up';
import { assembleIncident, mergeTargets } from './assemble-incidents';
import { assemblePage } from './assemble-pages';
import { CommitContainment } from './commit-containment';
import { InfraPaths } from './infra-paths';
import { linkIncidentsToDeployments } from './link-incidents';
import type { ChatThread, Deployment, Incident, MetricModel, ModelFact, PersonAct, PullRequest } from './metric-model';
import { People } from './people';
import { RefHistory } from './ref-history';
import { byKey, byTimeThenPerson } from '../shared/compare';

interface EntitiesByKind {
  incident: IncidentFacts[];
  page: PageFacts[];
  pull_request: PullRequestFacts[];
  deployment: DeploymentFacts[];
  push: PushFacts[];
  postmortem: PostmortemFacts[];
  action_item: ActionItemFacts[];
  thread: ThreadFacts[];
}

function byKind(entities: Iterable<EntityFacts>): EntitiesByKind {
  const groups: EntitiesByKind = { incident: [], page: [], pull_request: [], deployment: [], push: [], postmortem: [], action_item: [], thread: [] };
  const sorted = [...entities].sort(byKey);
  for (const entity of sorted) (groups[entity.kind] as EntityFacts[]).push(entity);
  return groups;
}

function groupBy<Item>(items: readonly Item[], keyOf: (item: Item) => string | null): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function channelKey(channel: ToolRef): string {
  return `${channel.tool}\u0000${channel.id}`;
}

/** Every message of every thread by channel, earliest first: what incident channels read. */
function messagesByChannel(threads: readonly ChatThread[]): Map<string, PersonAct[]> {
  const byChannel = new Map<string, PersonAct[]>();
  for (const thread of threads) {
    const messages = byChannel.get(channelKey(thread.channel)) ?? [];
    if (thread.root) messages.push(thread.root);
    messages.push(...thread.replies);
    byChannel.set(channelKey(thread.channel), messages);
  }
  for (const messages of byChannel.values()) messages.sort(byTimeThenPerson);
  return byChannel;
}

/**
 * The incidents, with an empty one for each incident a page names but no incident event does (Tandem
 * started mid-incident, or a tool that pages without declaring): the pages still make its timeline.
 */
function withIncidentsNamedByPages(incidents: readonly IncidentFacts[], pages: readonly PageFacts[]): IncidentFacts[] {
  const known = new Set(incidents.map((incident) => incident.key));
  const named = new Map<EntityKey, ToolRef>();
  for (const page of pages) {
    if (page.incident === null) continue;
    const key = entityKey.incident(page.incident.tool, page.incident.id);
    if (!known.has(key)) named.set(key, page.incident);
  }
  const added = [...named.values()].map((ref) => foldIncident(ref, []));
  return [...incidents, ...added].sort(byKey);
}

/**
 * Joins the entities' facts into the model the KPIs read, resolving people, services and the
 * incident-to-deployment links through the directory (as of now: linking an identity or mapping
 * a repository re-attributes history). Pure: the same facts and directory give the same model,
 * whatever order the facts come in.
 */
export function buildMetricModel(entities: Iterable<EntityFacts>, directory: Directory): MetricModel {
  const facts = byKind(entities);
  const settings = directory.settings.kpis;
  const people = new People(directory);

  const threads = facts.thread.map((thread) => assembleThread(thread, people, directory));
  const channelMessages = messagesByChannel(threads);

  const incidentFacts = withIncidentsNamedByPages(facts.incident, facts.page);
  const targets = mergeTargets(incidentFacts);
  const incidentOf = (ref: ToolRef | null): EntityKey | null => {
    if (ref === null) return null;
    const key = entityKey.incident(ref.tool, ref.id);
    return targets.get(key) ?? key;
  };
  const pages = facts.page.map((page) => assemblePage(page, incidentOf(page.incident), people, directory));
  const pagesByIncident = groupBy(pages, (page) => page.incident);
  const absorbedBy = groupBy(incidentFacts, (incident) => (targets.get(incident.key) === incident.key ? null : (targets.get(incident.key) ?? null)));
  const incidents = incidentFacts.map((incident) => {
    const counted = targets.get(incident.key) === incident.key;
    return assembleIncident(
      incident,
      counted ? (absorbedBy.get(incident.key) ?? []) : [],
      counted ? (pagesByIncident.get(incident.key) ?? []) : [],
      (channel) => channelMessages.get(channelKey(channel)) ?? [],
      people,
      directory,
    );
  });

  const deployments = facts.deployment.map((deployment) => assembleDeployment(deployment, directory, settings));
  const containment = new CommitContainment(deployments, new RefHistory(facts.push), (repo) => directory.serviceForRepo(repo));
  resolveRollbacks(deployments, containment);

  const infraPaths = new InfraPaths(settings.infraPaths);
  const pullRequests = facts.pull_request.map((pr) => assemblePullRequest(pr, people, directory, infraPaths, containment));

  linkIncidents(incidents, deployments, pullRequests, containment, settings.linkWindowSeconds);

  const postmortemFacts = new Map(facts.postmortem.map((postmortem) => [postmortem.key, postmortem]));
  const model: Omit<MetricModel, 'byKey'> = {
    incidents,
    pages,
    deployments,
    pullRequests,
    directInfraChanges: directInfraChanges(facts.push, facts.pull_request, people, directory, infraPaths),
    postmortems: facts.postmortem.map((postmortem) => assemblePostmortem(postmortem, people, incidentOf)),
    actionItems: facts.action_item.map((item) => assembleActionItem(item, postmortemFacts, people, incidentOf, settings)),
    threads,
  };
  const byKey = new Map<string, ModelFact>();
  for (const list of Object.values(model) as (readonly ModelFact[])[]) for (const fact of list) byKey.set(fact.key, fact);
  return { ...model, byKey };
}

/** Links every incident and records, on each deployment, the change-caused incidents linked to it. */
function linkIncidents(incidents: Incident[], deployments: Deployment[], pullRequests: PullRequest[], containment: CommitContainment, linkWindowSeconds: number): void {
  const deploymentsByKey = new Map(deployments.map((deployment) => [deployment.key, deployment]));
  const pullRequestsByKey = new Map(pullRequests.map((pr) => [pr.key, pr]));
  const deploymentOfCause = (cause: NamedCause): Deployment | null => {
    switch (cause.kind) {
      case 'deployment':
        return deploymentsByKey.get(entityKey.deployment(cause.tool, cause.deploymentId)) ?? null;
      case 'commit':
        return containment.firstContaining(normalizeRepo(cause.repo), normalizeSha(cause.sha));
      case 'pull_request': {
        const deployedBy = pullRequestsByKey.get(entityKey.pullRequest(cause.tool, cause.repo, cause.number))?.deployedBy;
        return deployedBy ? (deploymentsByKey.get(deployedBy) ?? null) : null;
      }
    }
  };
  const linkings = linkIncidentsToDeployments(incidents, deployments, { linkWindowSeconds, deploymentOfCause });
  for (const incident of incidents) {
    const linking = linkings.get(incident.key);
    if (!linking) continue;
    incident.linking = linking;
    for (const link of linking.links) deploymentsByKey.get(link.deployment)?.incidents.push({ incident: incident.key, rule: link.rule, evidence: link.evidence });
  }
}

/** The model of a batch of events (a rebuild, a test): fold each entity, then assemble. */
export function metricModelOf(events: Iterable<CanonicalEvent>, directory: Directory): MetricModel {
  return buildMetricModel(foldEvents(events), directory);
}

