import { randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION, newEvent, streamFor } from '@tandem/contracts';
import { ApiTokenRepository } from '@tandem/persistence';
import { kudosIdOf } from '@tandem/recognition';
import { expectEventually } from '@tandem/testing';
import { ProjectorModule } from '@apps/projector';
import { appendAll, crossTeamReview, RECOGNITION_ORGANIZATION_YAML, teamRecognition } from '../../../projector/src/recognition/testing/recognition.harness.spec';
import { startApi, type ApiUnderTest } from '../testing/api.harness.spec';

const EVENTUALLY = { timeoutMs: 30_000, intervalMs: 100 };
const FEED = `query Feed($first: Int, $after: String, $team: String, $person: String, $since: DateTime) {
  recognitionFeed(first: $first, after: $after, team: $team, person: $person, since: $since) {
    edges { cursor node { id kind rule sentence message occurredAt from { id name } to { id name } teams values evidence { kind id url } reactions } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const GIVE = 'mutation Give($to: [String!]!, $message: String!, $values: [String!]) { giveKudos(to: $to, message: $message, values: $values) { id kind sentence message from { id name } to { id name } teams values } }';
const OPT_OUT = 'mutation OptOut($optOut: Boolean!) { setRecognitionOptOut(optOut: $optOut) }';
const TOTALS = 'query Totals($since: DateTime!, $until: DateTime!) { recognitionTotals(since: $since, until: $until) { team suppressed kudosGiven kudosReceived automaticRecognitions teamRecognitions } }';
/** The harness organisation, where teams of two are shown: sre (Megan, Carol); payments and web (one person each) are not. */
const ORGANIZATION = RECOGNITION_ORGANIZATION_YAML.replace('timezone: UTC }', 'timezone: UTC, minGroupSize: 2 }');

interface FeedNode {
  id: string;
  kind: string;
  rule: string | null;
  sentence: string;
  to: { id: string }[];
}

/** A KudosGiven as an earlier kudos left it, `daysAgo` days before now. */
function pastKudos(from: string, to: string, daysAgo: number, n: number) {
  const kudosId = kudosIdOf.api(from, `past-${from}-${to}-${n}`);
  const givenAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const event = newEvent('KudosGiven', { kudosId, fromPersonId: from, toPersonIds: [to], message: 'the handover', via: 'api', givenAt }, { occurredAt: givenAt, source: 'tandem', schemaVersion: CURRENT_SCHEMA_VERSION }, kudosId);
  return { streamId: streamFor.recognition(kudosId), event };
}

describe('recognition over GraphQL (embedded: the API and the projector in one process)', () => {
  let api: ApiUnderTest;
  const tokens: Record<string, string> = {};

  const feed = async (variables: Record<string, unknown> = {}, token = tokens.megan) => {
    const response = await api.graphql<{ recognitionFeed: { edges: { cursor: string; node: FeedNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(FEED, { token, variables });
    expect(response.body.errors).toBeUndefined();
    return response.body.data?.recognitionFeed ?? { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
  };
  const give = (token: string, variables: Record<string, unknown>) => api.graphql<{ giveKudos: Record<string, unknown> }>(GIVE, { token, variables });
  const kudosCount = async () => {
    let count = 0;
    for (let after = 0; ; ) {
      const page = await api.running.infrastructure.eventStore.readAll({ after, limit: 1_000 });
      count += page.filter((event) => event.type === 'KudosGiven').length;
      if (page.length < 1_000) return count;
      after = page[page.length - 1].globalPosition;
    }
  };

  beforeAll(async () => {
    api = await startApi({ driver: 'mercurius', organization: ORGANIZATION, modules: [ProjectorModule] });
    const repository = api.running.app.get(ApiTokenRepository);
    for (const personId of ['megan', 'carol', 'deploybot']) tokens[personId] = (await repository.issue({ role: 'member', teams: [], personId })).token;
    tokens.anonymous = await api.issueToken('admin');
    // Carol and Dave thank each other a lot: Carol's next kudos to Dave is self-dealing.
    await appendAll(api.running.infrastructure.eventStore, [pastKudos('dave', 'carol', 5, 1), pastKudos('carol', 'dave', 4, 1), pastKudos('carol', 'dave', 3, 2), pastKudos('carol', 'bob', 2, 3), ...crossTeamReview()]);
  });

  afterAll(async () => {
    await api.close();
  });

  it('gives kudos as the token\'s person, answers with the item, and the feed shows it newest first', async () => {
    const response = await give(tokens.megan, { to: ['bob'], message: 'staying on the incident call until the rollback was done', values: ['Ownership'] });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.giveKudos).toEqual({
      id: expect.any(String),
      kind: 'KUDOS',
      sentence: 'Kudos from Megan to Bob: staying on the incident call until the rollback was done',
      message: 'staying on the incident call until the rollback was done',
      from: { id: 'megan', name: 'Megan' },
      to: [{ id: 'bob', name: 'Bob' }],
      teams: ['sre', 'web'],
      values: ['ownership'],
    });
    const id = response.body.data?.giveKudos.id;
    await expectEventually(async () => expect((await feed()).edges[0]?.node.id).toBe(id), EVENTUALLY);
    const awardOf = async () => (await feed({ person: 'carol' })).edges.find((edge) => edge.node.kind === 'AUTOMATIC')?.node;
    await expectEventually(async () => expect(await awardOf()).toBeDefined(), EVENTUALLY);
    expect(await awardOf()).toMatchObject({ rule: 'bridge_builder', to: [{ id: 'carol' }], evidence: [{ kind: 'pull_request', id: 'pull_request:github:acme/checkout:7', url: 'https://github.com/acme/checkout/pull/7' }] });
  });

  it('pages with cursors, and filters by team, person and since', async () => {
    await expectEventually(async () => expect((await feed({ first: 100 })).edges.length).toBeGreaterThanOrEqual(6), EVENTUALLY);
    const all = (await feed({ first: 100 })).edges.map((edge) => edge.node.id);
    const first = await feed({ first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await feed({ first: 100, after: first.pageInfo.endCursor });
    expect([...first.edges, ...second.edges].map((edge) => edge.node.id)).toEqual(all);
    expect((await feed({ team: 'web', first: 100 })).edges.every((edge) => edge.node.to.some((person) => person.id === 'bob') || edge.node.sentence.includes('Bob'))).toBe(true);
    expect((await feed({ since: new Date(Date.now() - 86_400_000).toISOString() })).edges.map((edge) => edge.node.id)).toHaveLength(1);
    const invalid = await api.graphql(FEED, { token: tokens.megan, variables: { after: 'nonsense' } });
    expect(invalid.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses, with the reason and its code, and records nothing: every refusal', async () => {
    await expectEventually(async () => expect(await kudosCount()).toBe(5), EVENTUALLY);
    // Megan's second kudos today is allowed (kudosPerDay is 2); it is counted once the feed has it.
    expect((await give(tokens.megan, { to: ['dave'], message: 'the runbook' })).body.errors).toBeUndefined();
    await expectEventually(async () => expect(await kudosCount()).toBe(6), EVENTUALLY);
    await expectEventually(async () => expect((await feed({ person: 'dave' })).edges.some((edge) => edge.node.sentence.includes('the runbook'))).toBe(true), EVENTUALLY);
    const refusals: [string, string, Record<string, unknown>][] = [
      ['SELF_KUDOS', tokens.carol, { to: ['carol'], message: 'my own work' }],
      ['BOT', tokens.carol, { to: ['deploybot'], message: 'the deploys' }],
      ['BOT', tokens.deploybot, { to: ['carol'], message: 'the deploys' }],
      ['UNKNOWN_PERSON', tokens.carol, { to: ['nobody'], message: 'the review' }],
      ['NO_RECIPIENT', tokens.carol, { to: [], message: 'the review' }],
      ['EMPTY_MESSAGE', tokens.carol, { to: ['bob'], message: ' !! ' }],
      ['UNKNOWN_VALUE', tokens.carol, { to: ['bob'], message: 'the review', values: ['speed'] }],
      ['DAILY_LIMIT', tokens.megan, { to: ['carol'], message: 'the review' }],
      ['SELF_DEALING', tokens.carol, { to: ['dave'], message: 'the review' }],
    ];
    for (const [code, token, variables] of refusals) {
      const response = await give(token, variables);
      expect([code, response.body.errors?.[0].extensions]).toEqual([code, expect.objectContaining({ code: 'BAD_USER_INPUT', refusal: code })]);
      expect(response.body.errors?.[0].message.length).toBeGreaterThan(10);
    }
    const anonymous = await give(tokens.anonymous, { to: ['bob'], message: 'the review' });
    expect(anonymous.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await kudosCount()).toBe(6);
  });

  it('lets a person opt out of automatic recognitions and back in, for themself', async () => {
    const awardsOfCarol = async () => (await feed({ person: 'carol' })).edges.filter((edge) => edge.node.kind === 'AUTOMATIC').length;
    await expectEventually(async () => expect(await awardsOfCarol()).toBe(1), EVENTUALLY);
    const out = await api.graphql<{ setRecognitionOptOut: boolean }>(OPT_OUT, { token: tokens.carol, variables: { optOut: true } });
    expect(out.body).toEqual({ data: { setRecognitionOptOut: true } });
    await expectEventually(async () => expect(await awardsOfCarol()).toBe(0), EVENTUALLY);
    await api.graphql(OPT_OUT, { token: tokens.carol, variables: { optOut: false }, headers: { 'x-correlation-id': randomUUID() } });
    await expectEventually(async () => expect(await awardsOfCarol()).toBe(1), EVENTUALLY);
    expect((await api.graphql(OPT_OUT, { token: tokens.anonymous, variables: { optOut: true } })).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('counts per team over a window, for members too, with small teams suppressed', async () => {
    await expectEventually(async () => expect(await kudosCount()).toBe(6), EVENTUALLY);
    await expectEventually(async () => expect((await feed({ first: 100 })).edges).toHaveLength(7), EVENTUALLY);
    const totals = async (since: string, until: string) => {
      const response = await api.graphql<{ recognitionTotals: Record<string, unknown>[] }>(TOTALS, { token: tokens.megan, variables: { since, until } });
      expect(response.body.errors).toBeUndefined();
      return response.body.data?.recognitionTotals;
    };
    const hidden = { suppressed: true, kudosGiven: null, kudosReceived: null, automaticRecognitions: null, teamRecognitions: null };
    // This week: Megan's two kudos today and Carol's three; Dave's to Carol.
    const week = await totals(new Date(Date.now() - 7 * 86_400_000).toISOString(), new Date(Date.now() + 60_000).toISOString());
    expect(week).toEqual([
      { team: 'payments', ...hidden },
      { team: 'sre', suppressed: false, kudosGiven: 5, kudosReceived: 1, automaticRecognitions: 0, teamRecognitions: 0 },
      { team: 'web', ...hidden },
    ]);
    // February 2013: Carol's bridge_builder of PR 7.
    expect((await totals('2013-02-01T00:00:00Z', '2013-03-01T00:00:00Z'))?.[1]).toEqual({ team: 'sre', suppressed: false, kudosGiven: 0, kudosReceived: 0, automaticRecognitions: 1, teamRecognitions: 0 });
    const backwards = await api.graphql(TOTALS, { token: tokens.megan, variables: { since: '2013-03-01T00:00:00Z', until: '2013-02-01T00:00:00Z' } });
    expect(backwards.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('delivers new items to recognitionAwarded subscribers over graphql-ws, filtered by team', async () => {
    const received: unknown[] = [];
    const client = api.websocket(tokens.carol);
    const stop = client.subscribe(
      { query: 'subscription Live($team: String) { recognitionAwarded(team: $team) { id kind sentence from { id } to { id } teams } }', variables: { team: 'payments' } },
      { next: (value) => void received.push(value), error: (error) => void received.push({ error }), complete: () => undefined },
    );
    // The server subscribes asynchronously: append team recognitions (a new incident each time) until the subscriber hears one.
    let n = 0;
    await expectEventually(async () => {
      n += 1;
      await appendAll(api.running.infrastructure.eventStore, [teamRecognition(`P${n}`, ['payments', 'sre'])]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(received.length).toBeGreaterThan(0);
    }, EVENTUALLY);
    stop();
    expect(received[0]).toEqual({
      data: { recognitionAwarded: { id: expect.any(String), kind: 'AUTOMATIC', sentence: 'payments and sre restored checkout together in 18 min', from: null, to: [], teams: ['payments', 'sre'] } },
    });
    // Another team's recognition is not delivered to a subscriber of payments.
    const before = received.length;
    await appendAll(api.running.infrastructure.eventStore, [teamRecognition('W1', ['web'])]);
    await expectEventually(async () => expect((await feed({ team: 'web' })).edges.some((edge) => edge.node.sentence.startsWith('web restored'))).toBe(true), EVENTUALLY);
    expect(received.length).toBe(before);
  });
});
