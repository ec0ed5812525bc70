import type { CanonicalEvent } from '@tandem/contracts';
import { foldActionItem, type ActionItemFacts } from './action-item-facts';
import { foldDeployment, type DeploymentFacts } from './deployment-facts';
import { entityKeyOf, type EntityKey } from './entity-key';
import { foldIncident, type IncidentFacts } from './incident-facts';
import { foldPage, type PageFacts } from './page-facts';
import { foldPostmortem, type PostmortemFacts } from './postmortem-facts';
import { foldPullRequest, type PullRequestFacts } from './pull-request-facts';
import { foldPush, type PushFacts } from './push-facts';
import { foldThread, type ThreadFacts } from './thread-facts';
import { compareText } from '../shared/compare';

/** The facts of one entity: what a projector stores per entity key. */
export type EntityFacts = IncidentFacts | PageFacts | PullRequestFacts | DeploymentFacts | PushFacts | PostmortemFacts | ActionItemFacts | ThreadFacts;

/** The fold of one entity from the event that names it (every event of an entity carries its key fields). */
function foldFrom(first: CanonicalEvent, events: readonly CanonicalEvent[]): EntityFacts | null {
  switch (first.type) {
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
      return foldIncident({ tool: first.data.tool ?? '', id: first.data.incidentId ?? '' }, events);
    case 'PageTriggered':
    case 'PageAcknowledged':
    case 'PageEscalated':
    case 'PageReassigned':
    case 'PageResolved':
    case 'ResponderAdded':
    case 'ResponderReplied':
    case 'PagePriorityChanged':
      return foldPage({ tool: first.data.tool ?? '', id: first.data.pageId ?? '' }, events);
    case 'PullRequestOpened':
    case 'PullRequestConvertedToDraft':
    case 'PullRequestReadyForReview':
    case 'PullRequestReviewed':
    case 'PullRequestCommented':
    case 'PullRequestMerged':
    case 'PullRequestClosed':
    case 'PullRequestReopened':
      return foldPullRequest({ tool: first.data.tool ?? '', repo: first.data.repo ?? '', number: first.data.number ?? 0 }, events);
    case 'DeploymentStarted':
    case 'DeploymentFinished':
      return foldDeployment({ tool: first.data.tool ?? '', deploymentId: first.data.deploymentId ?? '' }, events);
    case 'CommitsPushed':
      return foldPush({ tool: first.data.tool ?? '', repo: first.data.repo ?? '', ref: first.data.ref ?? '', afterSha: first.data.afterSha ?? '' }, events);
    case 'PostmortemStarted':
    case 'PostmortemPublished':
      return foldPostmortem({ tool: first.data.tool ?? '', id: first.data.postmortemId ?? '' }, events);
    case 'ActionItemCreated':
    case 'ActionItemAssigned':
    case 'ActionItemDueDateChanged':
    case 'ActionItemClosed':
    case 'ActionItemReopened':
      return foldActionItem({ tool: first.data.tool ?? '', id: first.data.actionItemId ?? '' }, events);
    case 'MessagePosted':
      return foldThread(
        { tool: first.data.tool ?? '', channelId: first.data.channelId ?? '', rootMessageId: first.data.threadRootId ?? first.data.messageId ?? '' },
        events,
      );
    default:
      return null;
  }
}

/**
 * The facts of the entity `key` from its events; events of other entities are ignored, so a
 * projector may pass whatever it stored under the key. Null when no event is of that entity.
 */
export function factsOf(key: EntityKey, events: readonly CanonicalEvent[]): EntityFacts | null {
  const own = events.filter((event) => entityKeyOf(event) === key);
  return own.length === 0 ? null : foldFrom(own[0], own);
}

/** Every entity's facts from a batch of events (a rebuild, a test): grouped by key, each folded, sorted by key. */
export function foldEvents(events: Iterable<CanonicalEvent>): EntityFacts[] {
  const byKey = new Map<EntityKey, CanonicalEvent[]>();
  for (const event of events) {
    const key = entityKeyOf(event);
    if (key === null) continue;
    const group = byKey.get(key);
    if (group) group.push(event);
    else byKey.set(key, [event]);
  }
  const facts: EntityFacts[] = [];
  // compareText orders as the default sort does (by code unit), but the default converts each pair to strings first.
  for (const key of [...byKey.keys()].sort(compareText)) {
    const group = byKey.get(key) ?? [];
    const entity = foldFrom(group[0], group);
    if (entity) facts.push(entity);
  }
  return facts;
}
