import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, type CanonicalEvent, type CanonicalEventOf, type EventDataMap, type EventType } from '@tandem/contracts';
import { entityKeysOf } from '../facts/entity-key';

type Data<T extends EventType> = EventDataMap[T];
type Identity = NonNullable<Data<'PageAcknowledged'>['by']>;

/** Vendor identities, as events carry them. */
export const who = {
  github: (login: string): Identity => ({ tool: 'github', id: login }),
  pagerduty: (id: string): Identity => ({ tool: 'pagerduty', id }),
  slack: (id: string): Identity => ({ tool: 'slack', id }),
  bot: (login: string): Identity => ({ tool: 'github', id: login, bot: true }),
};

/**
 * Test-only: builds valid canonical events (validated by the contracts' `newEvent`, as a producer
 * would), with deterministic ids and positions, and keeps them in `events` in creation order.
 * Helpers name the events metrics read; `add` builds any other.
 */
export class MetricEvents {
  readonly events: CanonicalEvent[] = [];

  constructor(private readonly seed = 'metrics-test') {}

  add<T extends EventType>(type: T, data: Data<T>, occurredAt: string): CanonicalEventOf<T> {
    const position = this.events.length + 1;
    const created = newEvent(type, data, { occurredAt, source: 'test', schemaVersion: CURRENT_SCHEMA_VERSION }, derivedEventId(this.seed, position));
    const event = { ...created, streamId: '', streamVersion: 0, globalPosition: position, recordedAt: occurredAt } as CanonicalEventOf<T>;
    // The entity's key stands in for its stream: the metrics never read stream ids.
    event.streamId = entityKeysOf(event as CanonicalEvent)[0] ?? `test-${position}`;
    this.events.push(event as CanonicalEvent);
    return event;
  }

  // Incidents (incident.io unless said otherwise).
  incidentDeclared(id: string, at: string, data: Partial<Data<'IncidentDeclared'>> = {}) {
    return this.add('IncidentDeclared', { tool: 'incidentio', incidentId: id, declaredAt: at, ...data }, at);
  }
  incidentSeverityChanged(id: string, at: string, severity: Data<'IncidentSeverityChanged'>['severity'], tool = 'incidentio') {
    return this.add('IncidentSeverityChanged', { tool, incidentId: id, severity, changedAt: at }, at);
  }
  incidentStatusChanged(id: string, at: string, status: Data<'IncidentStatusChanged'>['status'], tool = 'incidentio') {
    return this.add('IncidentStatusChanged', { tool, incidentId: id, status, changedAt: at }, at);
  }
  incidentAcknowledged(id: string, at: string, by?: Identity, tool = 'incidentio') {
    return this.add('IncidentAcknowledged', { tool, incidentId: id, acknowledgedAt: at, ...(by ? { by } : {}) }, at);
  }
  incidentMitigated(id: string, at: string, tool = 'incidentio') {
    return this.add('IncidentMitigated', { tool, incidentId: id, mitigatedAt: at }, at);
  }
  incidentResolved(id: string, at: string, tool = 'incidentio') {
    return this.add('IncidentResolved', { tool, incidentId: id, resolvedAt: at }, at);
  }
  incidentReopened(id: string, at: string, tool = 'incidentio') {
    return this.add('IncidentReopened', { tool, incidentId: id, reopenedAt: at }, at);
  }
  incidentRoleAssigned(id: string, at: string, assignee: Identity, role: Data<'IncidentRoleAssigned'>['role'] = 'INCIDENT_ROLE_LEAD', tool = 'incidentio') {
    return this.add('IncidentRoleAssigned', { tool, incidentId: id, role, assignee, assignedAt: at }, at);
  }
  incidentChannelLinked(id: string, at: string, channelId: string, tool = 'incidentio') {
    return this.add('IncidentChannelLinked', { tool, incidentId: id, channel: { tool: 'slack', id: channelId }, linkedAt: at }, at);
  }
  incidentMerged(id: string, at: string, into: string, tool = 'incidentio') {
    return this.add('IncidentMerged', { tool, incidentId: id, into: { tool, id: into }, mergedAt: at }, at);
  }
  impactCorrected(id: string, at: string, correction: { impactStartedAt?: string; impactEndedAt?: string }, tool = 'incidentio') {
    return this.add('IncidentImpactCorrected', { tool, incidentId: id, ...correction, correctedBy: { personId: 'carol' } }, at);
  }
  markedNotChangeCaused(id: string, at: string, tool = 'incidentio') {
    return this.add('IncidentMarkedNotChangeCaused', { tool, incidentId: id, correctedBy: { personId: 'carol' } }, at);
  }
  linkedToDeployment(id: string, at: string, cause: Pick<Data<'IncidentLinkedToDeployment'>, 'deployment' | 'commit' | 'pullRequest'>, tool = 'incidentio') {
    return this.add('IncidentLinkedToDeployment', { tool, incidentId: id, ...cause, correctedBy: { personId: 'carol' } }, at);
  }

  // Pages (PagerDuty).
  /** A page of checkout's PagerDuty service; by default its own incident (a PagerDuty incident is both). */
  pageTriggered(pageId: string, at: string, data: Partial<Data<'PageTriggered'>> = {}) {
    return this.add('PageTriggered', { tool: 'pagerduty', pageId, pagingServiceId: 'PCHECKOUT', triggeredAt: at, incident: { tool: 'pagerduty', id: pageId }, ...data }, at);
  }
  pageAcknowledged(pageId: string, at: string, by?: Identity) {
    return this.add('PageAcknowledged', { tool: 'pagerduty', pageId, acknowledgedAt: at, ...(by ? { by } : {}) }, at);
  }
  responderAdded(pageId: string, at: string, responder: Identity) {
    return this.add('ResponderAdded', { tool: 'pagerduty', pageId, responder, addedAt: at }, at);
  }
  responderReplied(pageId: string, at: string, responder: Identity, accepted: boolean) {
    return this.add('ResponderReplied', { tool: 'pagerduty', pageId, responder, accepted, repliedAt: at }, at);
  }

  // Pull requests and pushes (GitHub, acme/checkout unless said otherwise).
  prOpened(number: number, at: string, author: Identity, repo = 'acme/checkout') {
    return this.add('PullRequestOpened', { tool: 'github', repo, number, author, openedAt: at, headSha: `head${number}`, headRef: `feature-${number}`, baseRef: 'main' }, at);
  }
  prReviewed(number: number, at: string, reviewer: Identity, state: Data<'PullRequestReviewed'>['state'] = 'REVIEW_STATE_APPROVED', repo = 'acme/checkout') {
    return this.add('PullRequestReviewed', { tool: 'github', repo, number, reviewId: `review-${number}-${at}-${reviewer.id}`, reviewer, state, submittedAt: at }, at);
  }
  prMerged(number: number, at: string, data: Partial<Data<'PullRequestMerged'>> & { mergeCommitSha: string; openedAt: string }) {
    return this.add('PullRequestMerged', { tool: 'github', repo: 'acme/checkout', number, mergedAt: at, headRef: `feature-${number}`, baseRef: 'main', ...data }, at);
  }
  commitsPushed(at: string, data: Partial<Data<'CommitsPushed'>> & { afterSha: string; commits: Data<'CommitsPushed'>['commits'] }) {
    return this.add(
      'CommitsPushed',
      { tool: 'github', repo: 'acme/checkout', ref: 'refs/heads/main', beforeSha: '0'.repeat(40), pusher: who.github('dave-gh'), pushedAt: at, defaultBranch: 'main', ...data },
      at,
    );
  }

  // Deployments (GitHub, production checkout unless said otherwise).
  deploymentFinished(deploymentId: string, at: string, data: Partial<Data<'DeploymentFinished'>> = {}) {
    return this.add(
      'DeploymentFinished',
      {
        tool: 'github',
        deploymentId,
        repository: { tool: 'github', id: 'acme/checkout' },
        environment: 'production',
        production: true,
        status: 'DEPLOYMENT_STATUS_SUCCESS',
        sha: `sha-${deploymentId}`.padEnd(12, '0'),
        finishedAt: at,
        ...data,
      },
      at,
    );
  }

  // Post-mortems and action items (incident.io).
  postmortemPublished(postmortemId: string, at: string, incidentId: string, people: Pick<Data<'PostmortemPublished'>, 'authors' | 'contributors' | 'reviewers'> = {}) {
    return this.add('PostmortemPublished', { tool: 'incidentio', postmortemId, incident: { tool: 'incidentio', id: incidentId }, publishedAt: at, ...people }, at);
  }
  actionItemCreated(actionItemId: string, at: string, data: Partial<Data<'ActionItemCreated'>> = {}) {
    return this.add('ActionItemCreated', { tool: 'incidentio', actionItemId, createdAt: at, ...data }, at);
  }
  actionItemClosed(actionItemId: string, at: string, outcome: Data<'ActionItemClosed'>['outcome'] = 'ACTION_ITEM_OUTCOME_COMPLETED') {
    return this.add('ActionItemClosed', { tool: 'incidentio', actionItemId, closedAt: at, outcome }, at);
  }
  actionItemReopened(actionItemId: string, at: string) {
    return this.add('ActionItemReopened', { tool: 'incidentio', actionItemId, reopenedAt: at }, at);
  }

  // Chat (Slack).
  messagePosted(channelId: string, messageId: string, at: string, author: Identity, threadRootId?: string) {
    return this.add('MessagePosted', { tool: 'slack', channelId, messageId, author, postedAt: at, ...(threadRootId ? { threadRootId } : {}) }, at);
  }
}
