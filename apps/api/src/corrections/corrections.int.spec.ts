/**
 * Corrections through GraphQL on the app with its projector, embedded (SQLite) and distributed
 * (PostgreSQL): each mutation appends its event to the incident's stream, and the KPIs, read back
 * over GraphQL, follow once projected.
 */
import { ProjectorModule } from '@apps/projector';
import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, readCanonicalEvent, streamFor, toStoredEvent, type EventDataMap, type EventType, type NewCanonicalEvent } from '@tandem/contracts';
import type { EventStore } from '@tandem/eventstore';
import { EVENT_STORE } from '@tandem/runtime';
import { expectEventually } from '@tandem/testing';
import { startApi, type ApiUnderTest } from '../testing/api.harness.spec';

/** Teams of three (the minimum group size): checkout is owned by payments and run by sre. */
const ORGANIZATION = `organization: { name: Acme }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: sre, name: SRE, kind: sre }
  - { slug: web, name: Web, kind: dev }
people:
  - { id: alice, name: Alice, memberships: [ { team: payments, from: 2020-01-01 } ] }
  - { id: dave, name: Dave, memberships: [ { team: payments, from: 2020-01-01 } ] }
  - { id: ivy, name: Ivy, memberships: [ { team: payments, from: 2020-01-01 } ] }
  - { id: bob, name: Bob, memberships: [ { team: sre, from: 2020-01-01 } ] }
  - { id: erin, name: Erin, memberships: [ { team: sre, from: 2020-01-01 } ] }
  - { id: frank, name: Frank, memberships: [ { team: sre, from: 2020-01-01 } ] }
  - { id: carol, name: Carol, memberships: [ { team: web, from: 2020-01-01 } ] }
  - { id: hank, name: Hank, memberships: [ { team: web, from: 2020-01-01 } ] }
  - { id: ian, name: Ian, memberships: [ { team: web, from: 2020-01-01 } ] }
services:
  - { slug: checkout, ownedBy: payments, operatedBy: sre, repos: [acme/checkout], incidentServices: { incidentio: [checkout-io] } }
  - { slug: site, ownedBy: web, repos: [acme/site] }
`;

const WINDOW = { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };
const INC_1 = 'incident:incidentio:INC-1';
const INC_2 = 'incident:incidentio:INC-2';
const D1 = 'deployment:github:D1';
const D2 = 'deployment:github:D2';

interface KpiRow {
  kpi: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

interface Correction {
  eventId: string;
  incident: string;
  event: string;
  appended: boolean;
}

type GraphqlErrors = { message: string; extensions: { code: string } }[] | undefined;

/**
 * The history (times in February 2026):
 * - D1: checkout deployed to production, finished 2 Feb 09:00; D2: finished 1 Feb 08:00.
 * - INC-1 on checkout: declared 2 Feb 10:00, resolved 12:00 → time to restore 7 200 s; D1 finished
 *   an hour before its impact start: linked by the same-service window (D2, 26 h before, is not).
 * - INC-2 on checkout: declared 20 Feb 10:00, resolved 11:00 (3 600 s); no deployment within 24 h.
 * So: time_to_restore = median(7 200, 3 600) = 5 400 s; change_failure_rate = D1 failed of {D1, D2} = 1/2.
 */
async function appendHistory(eventStore: EventStore): Promise<void> {
  let index = 0;
  const append = async <T extends EventType>(streamId: string, type: T, data: EventDataMap[T], at: string) => {
    index += 1;
    const event = newEvent(type, data, { occurredAt: at, source: 'test', schemaVersion: CURRENT_SCHEMA_VERSION }, derivedEventId('corrections-int', index)) as NewCanonicalEvent;
    await eventStore.append(streamId, [toStoredEvent(event)]);
  };
  const deployment = (id: string, at: string) =>
    append(streamFor.deployment('github', id), 'DeploymentFinished', {
      tool: 'github',
      deploymentId: id,
      repository: { tool: 'github', id: 'acme/checkout' },
      environment: 'production',
      production: true,
      status: 'DEPLOYMENT_STATUS_SUCCESS',
      sha: `${id.toLowerCase()}aaaaaaaaaaaa`,
      finishedAt: at,
    }, at);
  const incident = async (id: string, declaredAt: string, resolvedAt: string) => {
    await append(streamFor.incident('incidentio', id), 'IncidentDeclared', { tool: 'incidentio', incidentId: id, declaredAt, serviceIds: ['checkout-io'] }, declaredAt);
    await append(streamFor.incident('incidentio', id), 'IncidentResolved', { tool: 'incidentio', incidentId: id, resolvedAt }, resolvedAt);
  };
  await deployment('D2', '2026-02-01T08:00:00Z');
  await deployment('D1', '2026-02-02T09:00:00Z');
  await incident('INC-1', '2026-02-02T10:00:00Z', '2026-02-02T12:00:00Z');
  await incident('INC-2', '2026-02-20T10:00:00Z', '2026-02-20T11:00:00Z');
}

describe.each(['sqlite', 'postgres'] as const)('incident corrections through GraphQL, and the KPIs that follow them (%s)', (backend) => {
  let api: ApiUnderTest;
  let eventStore: EventStore;
  let admin: string;
  let sreLead: string;

  const kpis = async (): Promise<Map<string, KpiRow>> => {
    const response = await api.graphql<{ kpis: KpiRow[] }>(
      `query K($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) { kpi value numerator denominator } }`,
      { token: admin, variables: WINDOW },
    );
    expect(response.body.errors).toBeUndefined();
    return new Map((response.body.data?.kpis ?? []).map((row) => [row.kpi, row]));
  };

  const mutate = (token: string, mutation: string, variables: Record<string, unknown>) =>
    api.graphql<Record<string, Correction>>(`mutation M${mutation}`, { token, variables });

  const correctImpact = (token: string, variables: Record<string, unknown>) =>
    mutate(
      token,
      `($incidentId: ID!, $start: DateTime, $end: DateTime, $reason: String!) {
        correction: correctIncidentImpact(incidentId: $incidentId, impactStartedAt: $start, impactEndedAt: $end, reason: $reason) { eventId incident event appended }
      }`,
      variables,
    );

  const codes = (errors: GraphqlErrors) => errors?.map((error) => error.extensions.code);

  beforeAll(async () => {
    api = await startApi({ driver: 'mercurius', backend, organization: ORGANIZATION, modules: [ProjectorModule] });
    eventStore = api.running.app.get<EventStore>(EVENT_STORE);
    admin = await api.issueToken('admin');
    sreLead = await api.issueToken('lead', ['sre']);
    await appendHistory(eventStore);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('answers the hand-computed KPIs before any correction', async () => {
    await expectEventually(
      async () => {
        const values = await kpis();
        expect(values.get('time_to_restore')?.value).toBe(5_400);
        expect(values.get('change_failure_rate')).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }, 90_000);

  it('corrects an impact end (a lead of the operating team), records a double submission once, and time_to_restore follows', async () => {
    const variables = { incidentId: INC_1, end: '2026-02-02T10:30:00Z', reason: 'customers were fine after the 10:30 failover' };
    const [first, second] = await Promise.all([correctImpact(sreLead, variables), correctImpact(sreLead, variables)]);
    const third = await correctImpact(sreLead, variables);

    expect(first.body.errors).toBeUndefined();
    expect(second.body.errors).toBeUndefined();
    const eventId = first.body.data?.correction.eventId;
    expect(first.body.data?.correction).toMatchObject({ incident: INC_1, event: 'IncidentImpactCorrected' });
    expect(second.body.data?.correction.eventId).toBe(eventId);
    // Exactly one of the racing twins appended.
    expect([first, second].filter((response) => response.body.data?.correction.appended)).toHaveLength(1);
    expect(third.body.data?.correction).toEqual({ eventId, incident: INC_1, event: 'IncidentImpactCorrected', appended: false });
    const corrections = (await eventStore.readStream(streamFor.incident('incidentio', 'INC-1'))).filter((event) => event.type === 'IncidentImpactCorrected');
    expect(corrections).toHaveLength(1);
    // Who did it: the lead's token; why: the reason.
    expect(readCanonicalEvent(corrections[0]).data).toMatchObject({
      impactEndedAt: '2026-02-02T10:30:00Z',
      correctedBy: { identity: { tool: 'tandem', id: await api.tokenIdOf(sreLead) } },
      note: 'customers were fine after the 10:30 failover',
    });

    // INC-1 now 10:00 → 10:30 = 1 800 s; INC-2 3 600 s: median 2 700 s.
    await expectEventually(async () => expect((await kpis()).get('time_to_restore')?.value).toBe(2_700), { timeoutMs: 30_000, intervalMs: 250 });
  });

  it('marks an incident not change-caused, and change_failure_rate follows', async () => {
    const response = await mutate(admin, `($id: ID!) { correction: markIncidentNotChangeCaused(incidentId: $id, reason: "a certificate expired") { event appended } }`, { id: INC_1 });

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.correction).toEqual({ event: 'IncidentMarkedNotChangeCaused', appended: true });
    // D1 is no longer linked to a change-caused incident: 0 of 2.
    await expectEventually(async () => expect((await kpis()).get('change_failure_rate')).toMatchObject({ value: 0, numerator: 0, denominator: 2 }), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
  });

  it('links an incident to a deployment by hand, and explain (the query and KpiValue.explain) shows the explicit link', async () => {
    const response = await mutate(
      admin,
      `($id: ID!, $deployment: ID!) { correction: linkIncidentToDeployment(incidentId: $id, deploymentId: $deployment, reason: "the D2 migration locked the table") { event appended } }`,
      { id: INC_2, deployment: D2 },
    );
    expect(response.body.errors).toBeUndefined();

    const link = { to: INC_2, relation: 'caused', rule: 'explicit', evidence: 'named_deployment' };
    await expectEventually(
      async () => {
        const explained = await api.graphql<{
          explain: { value: { value: number }; facts: { key: string; counted: boolean; links: unknown[] }[] };
          kpis: { kpi: string; value: number; explain: { facts: { key: string; counted: boolean; links: unknown[] }[] } }[];
        }>(
          `query E($from: DateTime!, $to: DateTime!) {
            explain(id: "change_failure_rate", from: $from, to: $to) { value { value } facts { key counted links { to relation rule evidence } } }
            kpis(from: $from, to: $to) { kpi value explain { facts { key counted links { to relation rule evidence } } } }
          }`,
          { token: admin, variables: WINDOW },
        );
        expect(explained.body.errors).toBeUndefined();
        const expected = [
          { key: D1, counted: false, links: [] },
          { key: D2, counted: true, links: [link] },
        ];
        expect(explained.body.data?.explain).toEqual({ value: { value: 0.5 }, facts: expected });
        const value = explained.body.data?.kpis.find((row) => row.kpi === 'change_failure_rate');
        expect(value).toEqual({ kpi: 'change_failure_rate', value: 0.5, explain: { facts: expected } });
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  });

  it.each([
    ['an unknown incident', 'NOT_FOUND', () => correctImpact(admin, { incidentId: 'incident:incidentio:NOPE', end: '2026-02-02T10:30:00Z', reason: 'r' }), /no incident incident:incidentio:NOPE/],
    [
      'an unknown deployment',
      'NOT_FOUND',
      () => mutate(admin, `{ correction: linkIncidentToDeployment(incidentId: "${INC_2}", deploymentId: "deployment:github:NOPE", reason: "r") { event } }`, {}),
      /no deployment deployment:github:NOPE/,
    ],
    ['an end before the start', 'BAD_USER_INPUT', () => correctImpact(admin, { incidentId: INC_2, start: '2026-02-20T10:00:00Z', end: '2026-02-20T09:00:00Z', reason: 'r' }), /must be after impactStartedAt/],
    ['something that is no incident key', 'BAD_USER_INPUT', () => correctImpact(admin, { incidentId: 'INC-2', end: '2026-02-20T10:30:00Z', reason: 'r' }), /incidentId must be an incident's key/],
  ])('answers %s with %s', async (_case, code, request, message) => {
    const response = await request();

    expect(codes(response.body.errors)).toEqual([code]);
    expect(response.body.errors?.[0].message).toMatch(message);
  });

  it('refuses members and the leads of teams that neither own nor run the service (FORBIDDEN), and appends nothing', async () => {
    const member = await api.issueToken('member');
    const webLead = await api.issueToken('lead', ['web']);
    const variables = { incidentId: INC_2, end: '2026-02-20T10:15:00Z', reason: 'r' };

    const responses = [await correctImpact(member, variables), await correctImpact(webLead, variables)];

    expect(responses.map((response) => codes(response.body.errors))).toEqual([['FORBIDDEN'], ['FORBIDDEN']]);
    expect(responses[1].body.errors?.[0].message).toMatch(/the leads of payments or sre/);
    const events = await eventStore.readStream(streamFor.incident('incidentio', 'INC-2'));
    expect(events.some((event) => event.type === 'IncidentImpactCorrected')).toBe(false);
  });
});
