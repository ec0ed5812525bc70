import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, type CanonicalEvent, type CanonicalEventOf, type EventDataMap, type EventType } from '@tandem/contracts';

type Data<T extends EventType> = EventDataMap[T];
type Identity = NonNullable<Data<'PageAcknowledged'>['by']>;

/** Vendor identities, as events carry them. */
export const who = {
  github: (login: string): Identity => ({ tool: 'github', id: login }),
  pagerduty: (id: string): Identity => ({ tool: 'pagerduty', id }),
  slack: (id: string): Identity => ({ tool: 'slack', id }),
};

/**
 * Test-only: valid canonical events (validated by `newEvent`, as a producer would) with
 * deterministic ids and positions, kept in creation order. Incidents and pages are PagerDuty's
 * (a PagerDuty incident is also its own page) on checkout, PRs GitHub's on acme/checkout.
 */
export class RecognitionEvents {
  readonly events: CanonicalEvent[] = [];

  constructor(private readonly seed = 'recognition-test') {}

  add<T extends EventType>(type: T, data: Data<T>, occurredAt: string): CanonicalEventOf<T> {
    const position = this.events.length + 1;
    const created = newEvent(type, data, { occurredAt, source: 'test', schemaVersion: CURRENT_SCHEMA_VERSION }, derivedEventId(this.seed, position));
    const event = { ...created, streamId: `test-${position}`, streamVersion: 0, globalPosition: position, recordedAt: occurredAt } as CanonicalEventOf<T>;
    this.events.push(event as CanonicalEvent);
    return event;
  }

  /** A PagerDuty page of checkout and its incident, triggered at `at`, notifying `notified`. */
  paged(id: string, at: string, notified: Identity[] = [who.pagerduty('PCAROL')]) {
    this.add('PageTriggered', { tool: 'pagerduty', pageId: id, pagingServiceId: 'PCHECKOUT', triggeredAt: at, notified, incident: { tool: 'pagerduty', id } }, at);
    return this.add('IncidentDeclared', { tool: 'pagerduty', incidentId: id, declaredAt: at, serviceIds: ['PCHECKOUT'], severity: 'SEVERITY_SEV2' }, at);
  }
  pageAcknowledged(pageId: string, at: string, by: Identity) {
    return this.add('PageAcknowledged', { tool: 'pagerduty', pageId, by, acknowledgedAt: at }, at);
  }
  pageEscalated(pageId: string, at: string, notified: Identity[]) {
    return this.add('PageEscalated', { tool: 'pagerduty', pageId, escalatedAt: at, notified }, at);
  }
  pageReassigned(pageId: string, at: string, assignees: Identity[]) {
    return this.add('PageReassigned', { tool: 'pagerduty', pageId, reassignedAt: at, assignees }, at);
  }
  responderAdded(pageId: string, at: string, responder: Identity) {
    return this.add('ResponderAdded', { tool: 'pagerduty', pageId, responder, addedAt: at }, at);
  }
  incidentDeclared(id: string, at: string, data: Partial<Data<'IncidentDeclared'>> = {}) {
    return this.add('IncidentDeclared', { tool: 'incidentio', incidentId: id, declaredAt: at, serviceIds: ['checkout-io'], ...data }, at);
  }
  incidentRoleAssigned(id: string, at: string, assignee: Identity, tool = 'pagerduty') {
    return this.add('IncidentRoleAssigned', { tool, incidentId: id, role: 'INCIDENT_ROLE_OPERATIONS', assignee, assignedAt: at }, at);
  }
  incidentResolved(id: string, at: string, tool = 'pagerduty') {
    return this.add('IncidentResolved', { tool, incidentId: id, resolvedAt: at }, at);
  }
  incidentMerged(id: string, at: string, into: string, tool = 'pagerduty') {
    return this.add('IncidentMerged', { tool, incidentId: id, into: { tool, id: into }, mergedAt: at }, at);
  }

  prOpened(number: number, at: string, author: Identity) {
    return this.add('PullRequestOpened', { tool: 'github', repo: 'acme/checkout', number, author, openedAt: at, headSha: `head${number}`, headRef: `f-${number}`, baseRef: 'main' }, at);
  }
  prReviewed(number: number, at: string, reviewer: Identity, state: Data<'PullRequestReviewed'>['state'] = 'REVIEW_STATE_COMMENTED') {
    return this.add('PullRequestReviewed', { tool: 'github', repo: 'acme/checkout', number, reviewId: `r-${number}-${at}`, reviewer, state, submittedAt: at }, at);
  }
  prMerged(number: number, at: string, openedAt: string, paths: string[]) {
    const mergeCommitSha = `${number}`.padStart(40, 'a');
    return this.add('PullRequestMerged', { tool: 'github', repo: 'acme/checkout', number, mergedAt: at, openedAt, mergeCommitSha, changedPaths: { paths }, headRef: `f-${number}`, baseRef: 'main' }, at);
  }
  pushed(at: string, sha: string, author: Identity, paths: string[]) {
    return this.add(
      'CommitsPushed',
      {
        tool: 'github',
        repo: 'acme/checkout',
        ref: 'refs/heads/main',
        beforeSha: '0'.repeat(40),
        afterSha: sha,
        pusher: author,
        pushedAt: at,
        defaultBranch: 'main',
        commits: [{ sha, authoredAt: at, author, changedPaths: { paths } }],
      },
      at,
    );
  }

  postmortemPublished(id: string, at: string, incidentId: string, people: Pick<Data<'PostmortemPublished'>, 'authors' | 'contributors' | 'reviewers'>) {
    return this.add('PostmortemPublished', { tool: 'incidentio', postmortemId: id, incident: { tool: 'pagerduty', id: incidentId }, publishedAt: at, ...people }, at);
  }
  actionItemCreated(id: string, at: string, data: Partial<Data<'ActionItemCreated'>> = {}) {
    return this.add('ActionItemCreated', { tool: 'incidentio', actionItemId: id, createdAt: at, ...data }, at);
  }
  actionItemClosed(id: string, at: string, outcome: Data<'ActionItemClosed'>['outcome'] = 'ACTION_ITEM_OUTCOME_COMPLETED') {
    return this.add('ActionItemClosed', { tool: 'incidentio', actionItemId: id, closedAt: at, outcome }, at);
  }

  shiftCompleted(scheduleId: string, person: Identity, role: Data<'OnCallShiftCompleted'>['role'], from: string, to: string, alongside: Identity[]) {
    return this.add('OnCallShiftCompleted', { tool: 'pagerduty', scheduleId, person, role, startedAt: from, endedAt: to, alongside }, to);
  }

  messagePosted(channelId: string, messageId: string, at: string, author: Identity, data: Partial<Data<'MessagePosted'>> = {}) {
    return this.add('MessagePosted', { tool: 'slack', channelId, messageId, author, postedAt: at, ...data }, at);
  }
}

/** A small seeded generator (mulberry32): the same seed, the same shuffle. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Every event delivered twice, in a seeded shuffled order: at-least-once and unordered delivery. */
export function deliveredTwiceShuffled<Item>(items: readonly Item[], seed = 42): Item[] {
  const random = seededRandom(seed);
  const shuffled = [...items, ...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
  }
  return shuffled;
}
