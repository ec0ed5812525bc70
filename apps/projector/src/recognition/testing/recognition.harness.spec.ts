/**
 * Test-only (not a test file: jest runs `*.(unit|int|e2e).spec.ts`): an organisation whose Slack
 * ids are those of the vendor samples in test/fixtures/webhooks, chat deliveries normalized by the
 * real Slack and Teams normalizers, a small history for the automatic rules, and the two backends
 * (SQLite files, PostgreSQL) with an event store and a read-model database each.
 */
import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, type EventDataMap, type EventType, type NewCanonicalEvent } from '@tandem/contracts';
import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';
import { RecognitionFeedRepository } from '@tandem/persistence';
import { storeBackends, type Planned, type StoreBackend } from '@tandem/projections-testing';
import { awardEvent, recognitionIdOf, TEAM_AWARD } from '@tandem/recognition';
import { chatFixture, recordedDelivery, withField } from '@tandem/recognition-testing';

export { appendAll, readEverything, type Planned } from '@tandem/projections-testing';
export { recordedDelivery } from '@tandem/recognition-testing';

/**
 * Megan (U123ABC456, sre) and Bob (U222222222, web) are the people of Slack's reaction_added
 * sample; their Teams ids are those of the Teams outgoing-webhook sample (Megan's AAD object id,
 * Bob's Bot Framework id).
 */
export const RECOGNITION_ORGANIZATION_YAML = `organization: { name: Recognition Test, timezone: UTC }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: web, name: Web, kind: dev }
  - { slug: sre, name: SRE, kind: sre }
people:
  - { id: dave, name: Dave, identities: { github: dave-gh, slack: UDAVE }, memberships: [ { team: payments, from: 2013-01-01 } ] }
  - { id: bob, name: Bob, identities: { github: bob-gh, slack: U222222222, teams: "29:1bSnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl-3r8b6DoW0QxZimuTxk_kupZ1DBMpvIQQUAZL-PNj0EORDvRZXy8kvWk" }, memberships: [ { team: web, from: 2013-01-01 } ] }
  - { id: megan, name: Megan, identities: { github: megan-gh, slack: U123ABC456, teams: 7faf8ab2-3d56-4244-b585-20c8a42ed2b8 }, memberships: [ { team: sre, from: 2013-01-01 } ] }
  - { id: carol, name: Carol, identities: { github: carol-gh, slack: UCAROL }, memberships: [ { team: sre, from: 2013-01-01 } ] }
  - { id: deploybot, name: Deploy Bot, bot: true, identities: { slack: UBOT } }
services:
  - { slug: checkout, ownedBy: payments, operatedBy: sre, repos: [acme/checkout] }
recognition: { kudosPerDay: 2, values: [ownership, curiosity] }
`;

export function organizationEvents(yaml = RECOGNITION_ORGANIZATION_YAML): Planned[] {
  const planned = planDirectoryChanges(Directory.empty(), parseOrganization(yaml), { at: '2013-01-01T00:00:00Z', by: 'test' });
  return planned.map(({ streamId, event }) => ({ streamId, event: event as NewCanonicalEvent }));
}

/** A vendor sample of test/fixtures/webhooks with fields replaced (dotted paths, e.g. `event.text`). */
export function webhookSample(source: 'slack' | 'teams', name: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.entries(changes).reduce((body, [path, value]) => withField(body, path, value), chatFixture(source, name));
}

/** Slack's `message` event sample (zulip's test suite) with this text, author and timestamp. */
export function slackMessage(text: string, options: { user: string; ts: string; eventId: string }): Planned[] {
  const body = webhookSample('slack', 'zulip__message_with_normal_text', { 'event.text': text, 'event.user': options.user, 'event.ts': options.ts, 'event.event_ts': options.ts, event_id: options.eventId });
  return recordedDelivery('slack', body, options.eventId);
}

/** The Teams outgoing-webhook sample, as Megan would write a kudos to Bob ("<at>Tandem</at> kudos <at>Bob</at> for …"). */
export function teamsKudos(): Planned[] {
  const text = '<at>Tandem</at> kudos <at>Bob</at> for staying on the incident call until the rollback was done';
  return recordedDelivery('teams', webhookSample('teams', 'handmade__outgoing-webhook_channel-message.kudos', { text }), '1701356400123');
}

/** Canonical events built by the contracts' `newEvent`, with deterministic ids. */
export function planned<T extends EventType>(seed: string, streamId: string, type: T, data: EventDataMap[T], occurredAt: string): Planned {
  return { streamId, event: newEvent(type, data, { occurredAt, source: 'test', schemaVersion: CURRENT_SCHEMA_VERSION }, derivedEventId('recognition-harness', seed)) as NewCanonicalEvent };
}

/** PR 7 of acme/checkout by Dave (payments, Dev), first reviewed by Carol (sre) 30 min later: Carol's bridge_builder. */
export function crossTeamReview(): Planned[] {
  const stream = 'pr-github-acme/checkout-7';
  const pr = { tool: 'github', repo: 'acme/checkout', number: 7 };
  return [
    planned('pr7-opened', stream, 'PullRequestOpened', { ...pr, author: { tool: 'github', id: 'dave-gh' }, openedAt: '2013-02-13T08:00:00Z', headSha: 'head7', headRef: 'f-7', baseRef: 'main' }, '2013-02-13T08:00:00Z'),
    planned('pr7-reviewed', stream, 'PullRequestReviewed', { ...pr, reviewId: 'r-7', reviewer: { tool: 'github', id: 'carol-gh' }, state: 'REVIEW_STATE_APPROVED', submittedAt: '2013-02-13T08:30:00Z' }, '2013-02-13T08:30:00Z'),
  ];
}

/** A restored_together team recognition of an incident, as the rules would append it (now). */
export function teamRecognition(incidentId: string, teamSlugs: string[]): Planned {
  const subjectId = `incident:pagerduty:${incidentId}`;
  return awardEvent({
    recognitionId: recognitionIdOf('restored_together', TEAM_AWARD, subjectId),
    ruleId: 'restored_together',
    ruleVersion: 1,
    personIds: [],
    teamSlugs,
    subjectId,
    evidenceEventIds: [derivedEventId('recognition-harness', incidentId)],
    sentence: `${teamSlugs.join(' and ')} restored checkout together in 18 min`,
    awardedAt: new Date().toISOString(),
  });
}

export function optOut(personId: string, optedOut: boolean, seed: string): Planned {
  return planned(seed, `person-${personId}`, 'RecognitionOptOutChanged', { personId, optedOut, changedBy: personId }, '2013-03-01T00:00:00Z');
}

/** An event store and a migrated read-model database on one backend, with the feed's repository. */
export type Backend = StoreBackend & { feed: RecognitionFeedRepository };

export const BACKENDS = storeBackends('tandem_recognition', (database) => ({ feed: new RecognitionFeedRepository(database) }));
