import type { CanonicalEvent } from '@tandem/contracts';
import { normalizeRepo } from '../shared/sha';

/** The entities whose facts the metrics fold: each is the pure fold of its own events. */
export const ENTITY_KINDS = ['incident', 'page', 'pull_request', 'deployment', 'push', 'postmortem', 'action_item', 'thread'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** `kind:part:part…`, with `%` and `:` escaped inside parts so that no two entities share a key. */
export type EntityKey = string;

function escapePart(part: string): string {
  // Most ids have neither character: skip the replacements (a rebuild builds a key per event).
  return part.includes('%') || part.includes(':') ? part.replace(/%/g, '%25').replace(/:/g, '%3A') : part;
}

export const entityKey = {
  incident: (tool: string, incidentId: string): EntityKey => `incident:${escapePart(tool)}:${escapePart(incidentId)}`,
  page: (tool: string, pageId: string): EntityKey => `page:${escapePart(tool)}:${escapePart(pageId)}`,
  pullRequest: (tool: string, repo: string, number: number): EntityKey => `pull_request:${escapePart(tool)}:${escapePart(normalizeRepo(repo))}:${number}`,
  deployment: (tool: string, deploymentId: string): EntityKey => `deployment:${escapePart(tool)}:${escapePart(deploymentId)}`,
  push: (tool: string, repo: string, ref: string, afterSha: string): EntityKey =>
    `push:${escapePart(tool)}:${escapePart(normalizeRepo(repo))}:${escapePart(ref)}:${escapePart(afterSha.toLowerCase())}`,
  postmortem: (tool: string, postmortemId: string): EntityKey => `postmortem:${escapePart(tool)}:${escapePart(postmortemId)}`,
  actionItem: (tool: string, actionItemId: string): EntityKey => `action_item:${escapePart(tool)}:${escapePart(actionItemId)}`,
  /** A chat thread: its root message and the replies to it (a message outside a thread roots its own). */
  thread: (tool: string, channelId: string, rootMessageId: string): EntityKey => `thread:${escapePart(tool)}:${escapePart(channelId)}:${escapePart(rootMessageId)}`,
} as const;

export function kindOfKey(key: EntityKey): EntityKind {
  return key.slice(0, key.indexOf(':')) as EntityKind;
}

/**
 * The parts of an entity key as `entityKey` wrote them (unescaped), when it is a key of that kind
 * with that many parts; else null. For keys that come back from outside, e.g. an API argument.
 */
export function keyParts(key: string, kind: EntityKind, count: number): string[] | null {
  const [head, ...parts] = key.split(':');
  if (head !== kind || parts.length !== count || parts.some((part) => part.length === 0)) return null;
  return parts.map((part) => part.replace(/%(25|3A)/g, (escape) => (escape === '%25' ? '%' : ':')));
}

const NONE: readonly EntityKey[] = Object.freeze([]);

/**
 * The entities an event is a fact of. A projector keeps each entity's events and refolds the
 * entity when one arrives; events of no entity (directory, recognition, CI runs …) return none.
 * A page names its incident, but stays a fact of the page: the incident timeline joins its pages
 * when the model is assembled (PageAcknowledged names only the page, so the join cannot be per event).
 */
export function entityKeysOf(event: CanonicalEvent): readonly EntityKey[] {
  const key = entityKeyOf(event);
  return key === null ? NONE : [key];
}

/** The one entity of an event (every event is of at most one), without allocating a list. */
export function entityKeyOf(event: CanonicalEvent): EntityKey | null {
  switch (event.type) {
    case 'IncidentDeclared':
    case 'IncidentSeverityChanged':
    case 'IncidentStatusChanged':
    case 'IncidentServicesChanged':
    case 'IncidentChannelLinked':
    case 'IncidentAcknowledged':
    case 'IncidentMitigated':
    case 'IncidentResolved':
    case 'IncidentReopened':
    case 'IncidentRoleAssigned':
    case 'IncidentMerged':
    case 'IncidentImpactCorrected':
    case 'IncidentMarkedNotChangeCaused':
    case 'IncidentLinkedToDeployment':
      return entityKey.incident(event.data.tool ?? '', event.data.incidentId ?? '');
    case 'PageTriggered':
    case 'PageAcknowledged':
    case 'PageEscalated':
    case 'PageReassigned':
    case 'PageResolved':
    case 'ResponderAdded':
    case 'ResponderReplied':
    case 'PagePriorityChanged':
      return entityKey.page(event.data.tool ?? '', event.data.pageId ?? '');
    case 'PullRequestOpened':
    case 'PullRequestConvertedToDraft':
    case 'PullRequestReadyForReview':
    case 'PullRequestReviewed':
    case 'PullRequestCommented':
    case 'PullRequestMerged':
    case 'PullRequestClosed':
    case 'PullRequestReopened':
      return entityKey.pullRequest(event.data.tool ?? '', event.data.repo ?? '', event.data.number ?? 0);
    case 'DeploymentStarted':
    case 'DeploymentFinished':
      return entityKey.deployment(event.data.tool ?? '', event.data.deploymentId ?? '');
    case 'CommitsPushed':
      return entityKey.push(event.data.tool ?? '', event.data.repo ?? '', event.data.ref ?? '', event.data.afterSha ?? '');
    case 'PostmortemStarted':
    case 'PostmortemPublished':
      return entityKey.postmortem(event.data.tool ?? '', event.data.postmortemId ?? '');
    case 'ActionItemCreated':
    case 'ActionItemAssigned':
    case 'ActionItemDueDateChanged':
    case 'ActionItemClosed':
    case 'ActionItemReopened':
      return entityKey.actionItem(event.data.tool ?? '', event.data.actionItemId ?? '');
    case 'MessagePosted':
      return entityKey.thread(event.data.tool ?? '', event.data.channelId ?? '', event.data.threadRootId ?? event.data.messageId ?? '');
    default:
      return null;
  }
}
