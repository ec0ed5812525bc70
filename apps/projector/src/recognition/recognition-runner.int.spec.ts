import type { EventStore } from '@tandem/eventstore';
import { InMemoryPubSub, RECOGNITION_AWARDED_TOPIC, type RecognitionPublished } from '@tandem/live-updates';
import { createLogger } from '@tandem/observability';
import { kudosIdOf, recognitionIdOf } from '@tandem/recognition';
import { expectEventually } from '@tandem/testing';
import { RECOGNITION_FEED } from './recognition-batches';
import { RecognitionRunner } from './recognition-runner';
import {
  appendAll,
  BACKENDS,
  crossTeamReview,
  optOut,
  organizationEvents,
  planned,
  readEverything,
  recordedDelivery,
  slackMessage,
  teamsKudos,
  webhookSample,
  type Backend,
} from './testing/recognition.harness.spec';

const EVENTUALLY = { timeoutMs: 30_000, intervalMs: 50 };
const logger = createLogger({ service: 'test', level: 'silent' });

/** 13 February 2013 (UTC), the day of Slack's reaction_added sample: Megan (U123ABC456) thanks Bob (U222222222). */
const MEGAN = 'U123ABC456';
const history = () => [
  ...organizationEvents(),
  ...crossTeamReview(),
  // Given: Megan's first kudos of the day.
  ...slackMessage('kudos <@U222222222> for fixing the checkout alerts at 3am #ownership', { user: MEGAN, ts: '1360746000.000100', eventId: 'EvKUDOS1' }),
  // Refused (SELF_KUDOS): nothing recorded.
  ...slackMessage('kudos <@U123ABC456> for my own great work', { user: MEGAN, ts: '1360749600.000100', eventId: 'EvSELF' }),
  // Not a kudos at all.
  ...slackMessage('thanks <@U222222222>', { user: MEGAN, ts: '1360753200.000100', eventId: 'EvTHANKS' }),
  // Given: Megan reacts :raised_hands: to Bob's message (Slack's documented sample, with the configured emoji): her second kudos of the day.
  ...recordedDelivery('slack', webhookSample('slack', 'docs__reaction_added', { 'event.reaction': 'raised_hands' }), 'Ev123ABC456'),
  // Refused (DAILY_LIMIT: kudosPerDay is 2).
  ...slackMessage('kudos <@UCAROL> for the runbook', { user: MEGAN, ts: '1360786800.000100', eventId: 'EvTHIRD' }),
  // Given, ten years later: Megan thanks Bob in Teams, through the outgoing webhook.
  ...teamsKudos(),
];

const KUDOS_BY_MESSAGE = kudosIdOf.message('slack', 'C06NRA6JLER', '1360746000.000100');
const KUDOS_BY_REACTION = kudosIdOf.reaction('slack', 'C123ABC456', '1360782400.498405', { tool: 'slack', id: MEGAN });
const KUDOS_IN_TEAMS = kudosIdOf.message('teams', '19:5f3b0e2a9c8d4f6e8a7b1c2d3e4f5a6b@thread.skype', '1701356400123');
const BRIDGE_BUILDER = recognitionIdOf('bridge_builder', 'carol', 'pull_request:github:acme/checkout:7');

async function recognitionEvents(backend: Backend) {
  const events = await readEverything(backend.eventStore);
  return events.filter((event) => event.type === 'KudosGiven' || event.type === 'RecognitionAwarded');
}

const wholeFeed = (backend: Backend) => backend.feed.feed({ limit: 1_000 });

/** PR 8 of acme/checkout by Dave (payments, Dev), opened on 20 February 2013 (a `seen` review by Megan (sre) an hour later is her bridge_builder). */
const PR8 = { tool: 'github', repo: 'acme/checkout', number: 8 };
const pr8Opened = () =>
  planned('pr8-opened', 'pr-github-acme/checkout-8', 'PullRequestOpened', { ...PR8, author: { tool: 'github', id: 'dave-gh' }, openedAt: '2013-02-20T08:00:00Z', headSha: 'head8', headRef: 'f-8', baseRef: 'main' }, '2013-02-20T08:00:00Z');
const pr8Reviewed = () =>
  planned('pr8-reviewed', 'pr-github-acme/checkout-8', 'PullRequestReviewed', { ...PR8, reviewId: 'r-8', reviewer: { tool: 'github', id: 'megan-gh' }, state: 'REVIEW_STATE_APPROVED', submittedAt: '2013-02-20T09:00:00Z' }, '2013-02-20T09:00:00Z');

/** The store, with the `after` of every readAll written down. */
function watchedReads(eventStore: EventStore): { eventStore: EventStore; readsAfter: number[] } {
  const readsAfter: number[] = [];
  const watched = new Proxy(eventStore, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property === 'readAll') return (options?: Parameters<EventStore['readAll']>[0]) => (readsAfter.push(options?.after ?? 0), target.readAll(options));
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { eventStore: watched, readsAfter };
}

describe.each(BACKENDS)('the recognizer (%s)', (_name, createBackend) => {
  let backend: Backend;
  let pubSub: InMemoryPubSub;
  let runner: RecognitionRunner;
  const start = (eventStore: EventStore = backend.eventStore) => {
    runner = new RecognitionRunner({ eventStore, feed: backend.feed, pubSub, logger, rulesEveryMs: 50, retryDelayMs: 50 });
    runner.start();
    return runner;
  };

  beforeAll(async () => {
    backend = await createBackend();
    pubSub = new InMemoryPubSub();
    await appendAll(backend.eventStore, history());
    await start().caughtUp;
  });

  afterAll(async () => {
    await runner.stop();
    await pubSub.close();
    await backend.dispose();
  });

  it('turns the Slack kudos and reaction into KudosGiven, refuses the rest without recording anything, and awards the rules', async () => {
    await expectEventually(async () => expect((await wholeFeed(backend)).map((item) => item.id)).toEqual([KUDOS_IN_TEAMS, KUDOS_BY_REACTION, KUDOS_BY_MESSAGE, BRIDGE_BUILDER]), EVENTUALLY);
    const recorded = await recognitionEvents(backend);
    expect(recorded.map((event) => [event.type, event.eventId]).sort()).toEqual(
      [
        ['KudosGiven', KUDOS_BY_MESSAGE],
        ['KudosGiven', KUDOS_BY_REACTION],
        ['KudosGiven', KUDOS_IN_TEAMS],
        ['RecognitionAwarded', BRIDGE_BUILDER],
      ].sort(),
    );
    const [teams, reaction, message, award] = await wholeFeed(backend);
    expect(teams).toMatchObject({ kind: 'KUDOS', from: 'megan', to: ['bob'], message: 'staying on the incident call until the rollback was done', occurredAt: '2023-11-30T15:00:00.123Z' });
    expect(message).toMatchObject({
      kind: 'KUDOS',
      from: 'megan',
      to: ['bob'],
      teams: ['sre', 'web'],
      message: 'fixing the checkout alerts at 3am',
      values: ['ownership'],
      occurredAt: '2013-02-13T09:00:00Z',
      hidden: false,
      reactions: 0,
    });
    expect(reaction).toMatchObject({ kind: 'KUDOS', from: 'megan', to: ['bob'], message: 'reacted :raised_hands: to a message in a channel', occurredAt: '2013-02-13T19:13:24.083Z' });
    expect(award).toMatchObject({ kind: 'AUTOMATIC', rule: 'bridge_builder', ruleVersion: 1, from: null, to: ['carol'], teams: ['sre'], evidence: { links: { pullRequest: 'pull_request:github:acme/checkout:7' } } });
    expect(award.evidence.eventIds).toHaveLength(2);
  });

  it('filters the feed by team, person and since, a page at a time', async () => {
    const ids = async (query: Partial<Parameters<Backend['feed']['feed']>[0]>) => (await backend.feed.feed({ limit: 10, ...query })).map((item) => item.id);
    expect(await ids({ team: 'web' })).toEqual([KUDOS_IN_TEAMS, KUDOS_BY_REACTION, KUDOS_BY_MESSAGE]);
    expect(await ids({ person: 'carol' })).toEqual([BRIDGE_BUILDER]);
    expect(await ids({ person: 'megan', team: 'sre' })).toEqual([KUDOS_IN_TEAMS, KUDOS_BY_REACTION, KUDOS_BY_MESSAGE]);
    expect(await ids({ sinceMs: Date.parse('2013-02-13T09:00:00Z'), team: 'sre' })).toEqual([KUDOS_IN_TEAMS, KUDOS_BY_REACTION, KUDOS_BY_MESSAGE]);
    expect(await ids({ sinceMs: Date.parse('2013-02-13T09:00:01Z') })).toEqual([KUDOS_IN_TEAMS, KUDOS_BY_REACTION]);
    const [, second] = await backend.feed.feed({ limit: 2 });
    expect(await ids({ after: { occurredMs: second.occurredMs, id: second.id }, limit: 1 })).toEqual([KUDOS_BY_MESSAGE]);
  });

  it('follows live: a new kudos in Slack is appended, stored and published on recognitionAwarded', async () => {
    const published = await pubSub.subscribe<RecognitionPublished>(RECOGNITION_AWARDED_TOPIC);
    await appendAll(backend.eventStore, slackMessage('kudos <@UDAVE> for pairing on the rollback', { user: MEGAN, ts: '1360832400.000100', eventId: 'EvNEXTDAY' }));
    const kudosId = kudosIdOf.message('slack', 'C06NRA6JLER', '1360832400.000100');
    await expectEventually(async () => expect((await wholeFeed(backend))[1]).toMatchObject({ id: kudosId, from: 'megan', to: ['dave'], teams: ['payments', 'sre'] }), EVENTUALLY);
    expect((await published.next()).value).toEqual({ id: kudosId, teams: ['payments', 'sre'] });
    await published.return?.();
  });

  it('replays to the same feed: a restart and two rebuilds append nothing and write the same rows', async () => {
    await expectEventually(async () => expect(await wholeFeed(backend)).toHaveLength(5), EVENTUALLY);
    const before = { feed: await wholeFeed(backend), events: (await readEverything(backend.eventStore)).length };
    for (const rebuild of [false, true, true]) {
      await runner.stop();
      if (rebuild) await backend.feed.reset(RECOGNITION_FEED);
      await start().caughtUp;
      await expectEventually(async () => expect(await wholeFeed(backend)).toEqual(before.feed), EVENTUALLY);
      expect((await readEverything(backend.eventStore)).length).toBe(before.events);
    }
  });

  it('resumes from its checkpoint after a restart, with what it knew: the limits, the open pull requests; a rebuild agrees', async () => {
    await appendAll(backend.eventStore, [pr8Opened()]);
    await expectEventually(async () => expect((await backend.feed.checkpoint(RECOGNITION_FEED)) >= (await readEverything(backend.eventStore)).length).toBe(true), EVENTUALLY);
    await runner.stop();
    const checkpoint = await backend.feed.checkpoint(RECOGNITION_FEED);
    // Missed while stopped: Megan's review of PR 8 (whose opening was read before), a third kudos of hers on
    // 13 February 2013 (refused: kudosPerDay is 2, and her two kudos of that day were read before), and one on the 15th.
    await appendAll(backend.eventStore, [
      pr8Reviewed(),
      ...slackMessage('kudos <@UCAROL> for the postmortem', { user: MEGAN, ts: '1360790000.000100', eventId: 'EvLATE' }),
      ...slackMessage('kudos <@UCAROL> for the capacity plan', { user: MEGAN, ts: '1360918800.000100', eventId: 'EvFIFTEENTH' }),
    ]);
    const watched = watchedReads(backend.eventStore);
    await start(watched.eventStore).caughtUp;

    expect(watched.readsAfter[0]).toBe(checkpoint);
    expect(Math.min(...watched.readsAfter)).toBe(checkpoint);
    const megansAward = recognitionIdOf('bridge_builder', 'megan', 'pull_request:github:acme/checkout:8');
    const fifteenth = kudosIdOf.message('slack', 'C06NRA6JLER', '1360918800.000100');
    await expectEventually(async () => expect((await wholeFeed(backend)).map((item) => item.id)).toEqual(expect.arrayContaining([megansAward, fifteenth])), EVENTUALLY);
    expect(await backend.feed.item(kudosIdOf.message('slack', 'C06NRA6JLER', '1360790000.000100'))).toBeUndefined();
    // The state row of PR 8 was replaced by one with both its events (what the next restart reads).
    const pr8Row = (await backend.feed.state()).find((row) => row.kind === 'entity' && row.key === 'pull_request:github:acme/checkout:8');
    expect((JSON.parse(pr8Row?.value ?? '[]') as { type: string }[]).map((event) => event.type)).toEqual(['PullRequestOpened', 'PullRequestReviewed']);

    const resumed = { feed: await wholeFeed(backend), events: (await readEverything(backend.eventStore)).length };
    await runner.stop();
    await backend.feed.reset(RECOGNITION_FEED);
    await start().caughtUp;
    await expectEventually(async () => expect(await wholeFeed(backend)).toEqual(resumed.feed), EVENTUALLY);
    expect((await readEverything(backend.eventStore)).length).toBe(resumed.events);
  });

  it('hides the awards of someone who opts out of automatic recognitions, and shows them again when they opt back in', async () => {
    await appendAll(backend.eventStore, [optOut('carol', true, 'carol-out')]);
    await expectEventually(async () => expect((await wholeFeed(backend)).map((item) => item.id)).not.toContain(BRIDGE_BUILDER), EVENTUALLY);
    expect(await backend.feed.item(BRIDGE_BUILDER)).toMatchObject({ hidden: true });
    await appendAll(backend.eventStore, [optOut('carol', false, 'carol-in')]);
    await expectEventually(async () => expect((await wholeFeed(backend)).map((item) => item.id)).toContain(BRIDGE_BUILDER), EVENTUALLY);
  });
});
