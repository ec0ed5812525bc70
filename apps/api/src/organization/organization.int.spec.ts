/**
 * The organisation over GraphQL on the embedded app: teams, services, people, and identity
 * resolution fed by real PagerDuty deliveries (gateway → recorder → store), with the admin-only
 * mutations that link, unlink and change memberships, and what a link does to a KPI (projector).
 */
import { GatewayModule } from '@apps/gateway';
import { ProjectorModule } from '@apps/projector';
import { RecorderModule } from '@apps/recorder';
import type { RecordedEvent } from '@tandem/contracts';
import { parseOrganization } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';
import { applyOrganization } from '@tandem/organization';
import { EVENT_STORE } from '@tandem/runtime';
import { expectEventually } from '@tandem/testing';
import { startApi, type ApiUnderTest } from '../testing/api.harness.spec';
import { deliverPagerDuty, pagerdutyFixture, readdressed, type PagerdutyWebhook } from '../testing/pagerduty.harness.spec';

const SECRET = 'organization-int-secret';
/** The PagerDuty user who acknowledges in the vendor's samples: `{ id: PJ0LVEB, summary: "PIG 208" }`. */
const RESPONDER = { source: 'pagerduty', externalId: 'PJ0LVEB', name: 'PIG 208' };
const WINDOW = { from: '2021-06-01T00:00:00Z', to: '2021-06-08T00:00:00Z' };

/** Pig 208 is the responder's name; Pig 207 is one character away. Nobody has the PagerDuty id. */
const ORGANIZATION = `organization: { name: Acme, timezone: Europe/Berlin }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: sre, name: Site Reliability, kind: sre }
people:
  - { id: alice, name: Alice Liddell, memberships: [ { team: payments, from: 2020-01-01 } ] }
  - { id: pig, name: Pig 208, memberships: [ { team: payments, from: 2020-01-01 } ] }
  - { id: bob, name: Bob Marley, memberships: [ { team: sre, from: 2020-01-01 } ] }
  - { id: piglet, name: Pig 207, identities: { github: piglet-gh }, memberships: [ { team: sre, from: 2020-01-01 } ] }
services:
  - { slug: checkout, name: Checkout, ownedBy: payments, operatedBy: sre }
`;

const UNRESOLVED = `query { unresolvedIdentities(first: 10) { edges { node {
  source externalId name events firstSeenAt suggestions { person { id name } rule confidence } } } } }`;
const LINK = 'mutation Link($personId: String!) { linkIdentity(source: "pagerduty", externalId: "PJ0LVEB", personId: $personId) { source externalId person { id } changed } }';
const UNLINK = 'mutation { unlinkIdentity(source: "pagerduty", externalId: "PJ0LVEB") { person { id } changed } }';
const CHANGE_MEMBERSHIP = `mutation Change($personId: String!, $team: String!, $from: DateTime!, $to: DateTime) {
  changeMembership(personId: $personId, team: $team, from: $from, to: $to) { person { id teams } team from to changed } }`;
const DEV_ONCALL_SHARE = `query Kpis($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) { kpi value sampleSize } }`;

interface UnresolvedNode {
  source: string;
  externalId: string;
  name: string | null;
  events: number;
  firstSeenAt: string | null;
  suggestions: { person: { id: string; name: string }; rule: string; confidence: number }[];
}

/** One incident triggered, then acknowledged by the responder (the acknowledgement re-addressed to it). */
function triggeredThenAcknowledged(): PagerdutyWebhook[] {
  const triggered = pagerdutyFixture('zulip__triggered_v3.json');
  return [triggered, readdressed('zulip__acknowledged_v3.json', triggered.event.data.id, '2021-06-04T13:55:30.394Z')];
}

async function deliver(url: string, webhook: PagerdutyWebhook): Promise<void> {
  const status = await deliverPagerDuty(url, webhook, SECRET);
  if (status !== 202) throw new Error(`the gateway answered ${status} to a signed PagerDuty delivery`);
}

describe('the organisation over GraphQL', () => {
  let api: ApiUnderTest;
  let store: EventStore;
  let admin: string;
  let lead: string;
  let member: string;

  async function lastEventOf(streamId: string): Promise<RecordedEvent | undefined> {
    return (await store.readStream(streamId)).at(-1);
  }

  async function devOncallShare(): Promise<{ value: number | null; sampleSize: number } | undefined> {
    const response = await api.graphql<{ kpis: { kpi: string; value: number | null; sampleSize: number }[] }>(DEV_ONCALL_SHARE, { token: member, variables: WINDOW });
    const row = response.body.data?.kpis.find((kpi) => kpi.kpi === 'dev_oncall_share');
    return row && { value: row.value, sampleSize: row.sampleSize };
  }

  beforeAll(async () => {
    api = await startApi({
      driver: 'mercurius',
      organization: ORGANIZATION,
      env: { TANDEM_PAGERDUTY_WEBHOOK_SECRET: SECRET },
      modules: [GatewayModule, RecorderModule, ProjectorModule],
    });
    store = api.running.app.get<EventStore>(EVENT_STORE);
    admin = await api.issueToken('admin');
    lead = await api.issueToken('lead', ['payments']);
    member = await api.issueToken('member');
    for (const webhook of triggeredThenAcknowledged()) await deliver(api.url, webhook);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('serves teams with members and services, services with their teams, and people with the teams the viewer may see', async () => {
    const asAdmin = await api.graphql<{
      teams: { slug: string; members: { id: string }[]; services: { slug: string }[] }[];
      services: unknown[];
      people: { edges: { node: { id: string; teams: string[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>('{ teams { slug members { id } services { slug } } services { slug name ownedBy operatedBy } people(first: 3) { edges { node { id name teams } } pageInfo { hasNextPage endCursor } } }', {
      token: admin,
    });
    const next = await api.graphql<{ people: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      'query Next($after: String) { people(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }',
      { token: admin, variables: { after: asAdmin.body.data?.people.pageInfo.endCursor } },
    );
    const asLead = await api.graphql<{ people: { edges: { node: { id: string; teams: string[] } }[] } }>('{ people { edges { node { id teams } } } }', { token: lead });
    const asMember = await api.graphql<{ people: { edges: { node: { id: string; teams: string[] } }[] } }>('{ people { edges { node { id teams } } } }', { token: member });

    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data?.teams).toEqual([
      { slug: 'payments', members: [{ id: 'alice' }, { id: 'pig' }], services: [{ slug: 'checkout' }] },
      { slug: 'sre', members: [{ id: 'bob' }, { id: 'piglet' }], services: [{ slug: 'checkout' }] },
    ]);
    expect(asAdmin.body.data?.services).toEqual([{ slug: 'checkout', name: 'Checkout', ownedBy: 'payments', operatedBy: 'sre' }]);
    expect(asAdmin.body.data?.people.edges.map((edge) => edge.node)).toEqual([
      { id: 'alice', name: 'Alice Liddell', teams: ['payments'] },
      { id: 'bob', name: 'Bob Marley', teams: ['sre'] },
      { id: 'piglet', name: 'Pig 207', teams: ['sre'] },
    ]);
    expect(asAdmin.body.data?.people.pageInfo.hasNextPage).toBe(true);
    expect(next.body.data?.people).toEqual({ edges: [{ node: { id: 'pig' } }], pageInfo: { hasNextPage: false } });
    expect(asLead.body.data?.people.edges.map((edge) => [edge.node.id, edge.node.teams])).toEqual([
      ['alice', ['payments']],
      ['bob', []],
      ['piglet', []],
      ['pig', ['payments']],
    ]);
    expect(asMember.body.data?.people.edges.every((edge) => edge.node.teams.length === 0)).toBe(true);
  });

  it("keeps people's identities for admins, and audits their reads", async () => {
    const query = '{ people(first: 10) { edges { node { id identities { source externalId rule } } } } }';
    const asAdmin = await api.graphql<{ people: { edges: { node: { id: string; identities: unknown[] } }[] } }>(query, {
      token: admin,
      headers: { 'x-correlation-id': 'organization-identities-read' },
    });
    const asLead = await api.graphql<{ people: { edges: { node: { identities: unknown } }[] } }>(query, { token: lead });

    expect(asAdmin.body.data?.people.edges.find((edge) => edge.node.id === 'piglet')?.node.identities).toEqual([{ source: 'github', externalId: 'piglet-gh', rule: 'CONFIG' }]);
    expect(asLead.body.data?.people.edges.map((edge) => edge.node.identities)).toEqual([null, null, null, null]);
    expect(new Set(asLead.body.errors?.map((error) => error.extensions.code))).toEqual(new Set(['FORBIDDEN']));
    // Written in the background, within a moment of the answer.
    await expectEventually(
      async () =>
        expect((await api.auditEntries('organization-identities-read')).map((entry) => [entry.field, entry.subject])).toEqual([
          ['Query.people', 'people'],
          ['Person.identities', 'person:alice'],
          ['Person.identities', 'person:bob'],
          ['Person.identities', 'person:pig'],
          ['Person.identities', 'person:piglet'],
        ]),
      { timeoutMs: 5_000, intervalMs: 20 },
    );
  });

  it('lists the identity the deliveries named but nobody is linked to, with suggestions by name, for admins only', async () => {
    await expectEventually(
      async () => {
        const response = await api.graphql<{ unresolvedIdentities: { edges: { node: UnresolvedNode }[] } }>(UNRESOLVED, {
          token: admin,
          headers: { 'x-correlation-id': 'organization-unresolved-read' },
        });
        expect(response.body.errors).toBeUndefined();
        const responder = response.body.data?.unresolvedIdentities.edges.map((edge) => edge.node).find((node) => node.externalId === RESPONDER.externalId);
        expect(responder).toEqual({
          source: 'pagerduty',
          externalId: 'PJ0LVEB',
          name: 'PIG 208',
          events: expect.any(Number) as number,
          firstSeenAt: expect.stringMatching(/^2021-06-04T/) as string,
          suggestions: [
            { person: { id: 'pig', name: 'Pig 208' }, rule: 'EXACT_NAME', confidence: 0.9 },
            { person: { id: 'piglet', name: 'Pig 207' }, rule: 'SIMILAR_NAME', confidence: 0.63 },
          ],
        });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await expectEventually(async () => expect((await api.auditEntries('organization-unresolved-read')).map((entry) => entry.field)).toContain('Query.unresolvedIdentities'), {
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    for (const token of [lead, member]) {
      const refused = await api.graphql(UNRESOLVED, { token });
      expect(refused.body.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('refuses every mutation to members and leads with FORBIDDEN, appending nothing', async () => {
    const head = await store.headPosition();
    for (const token of [member, lead]) {
      for (const [query, variables] of [
        [LINK, { personId: 'pig' }],
        [UNLINK, {}],
        [CHANGE_MEMBERSHIP, { personId: 'pig', team: 'sre', from: '2021-01-01T00:00:00Z' }],
      ] as const) {
        const response = await api.graphql(query, { token, variables });
        expect(response.body.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
      }
    }
    expect(await store.headPosition()).toBe(head);
  });

  it('links the identity for an admin, records which token did it, and re-attributes the acknowledgement to the Dev side', async () => {
    await expectEventually(async () => expect(await devOncallShare()).toEqual({ value: 0, sampleSize: 1 }), { timeoutMs: 60_000, intervalMs: 250 });
    const adminId = await api.tokenIdOf(admin);

    const linked = await api.graphql(LINK, { token: admin, variables: { personId: 'pig' }, headers: { 'x-correlation-id': 'organization-link' } });

    expect(linked.body).toEqual({ data: { linkIdentity: { source: 'pagerduty', externalId: 'PJ0LVEB', person: { id: 'pig' }, changed: true } } });
    const event = await lastEventOf('person-pig');
    expect(event).toMatchObject({
      type: 'IdentityLinked',
      data: { personId: 'pig', identity: { tool: 'pagerduty', id: 'PJ0LVEB' }, linkedBy: `token:${adminId}`, rule: 'IDENTITY_LINK_RULE_MANUAL' },
      metadata: { source: 'api', correlationId: 'organization-link' },
    });
    const unresolved = await api.graphql<{ unresolvedIdentities: { edges: { node: UnresolvedNode }[] } }>(UNRESOLVED, { token: admin });
    expect(unresolved.body.data?.unresolvedIdentities.edges.map((edge) => edge.node.externalId)).not.toContain('PJ0LVEB');
    // History is re-attributed: the page acknowledged before the link now counts for the Dev side.
    await expectEventually(async () => expect(await devOncallShare()).toEqual({ value: 1, sampleSize: 1 }), { timeoutMs: 60_000, intervalMs: 250 });
    // The same link again changes nothing, and appends nothing.
    const head = await store.headPosition();
    expect((await api.graphql(LINK, { token: admin, variables: { personId: 'pig' } })).body).toEqual({
      data: { linkIdentity: { source: 'pagerduty', externalId: 'PJ0LVEB', person: { id: 'pig' }, changed: false } },
    });
    expect(await store.headPosition()).toBe(head);
  });

  it('keeps the admin\'s link when the unchanged tandem.yaml is applied again', async () => {
    const reload = await applyOrganization(store, parseOrganization(ORGANIZATION), { by: 'tandem.yaml', at: new Date().toISOString() });

    expect(reload).toEqual({ appended: 0, byType: {} });
    const asAdmin = await api.graphql<{ people: { edges: { node: { id: string; identities: { externalId: string }[] } }[] } }>(
      '{ people { edges { node { id identities { externalId } } } } }',
      { token: admin },
    );
    expect(asAdmin.body.data?.people.edges.find((edge) => edge.node.id === 'pig')?.node.identities).toEqual([{ externalId: 'PJ0LVEB' }]);
  });

  it('unlinks the identity and changes a membership for an admin, each event naming the token', async () => {
    const adminId = await api.tokenIdOf(admin);

    const unlinked = await api.graphql(UNLINK, { token: admin });
    expect(unlinked.body).toEqual({ data: { unlinkIdentity: { person: null, changed: true } } });
    expect(await lastEventOf('person-pig')).toMatchObject({ type: 'IdentityUnlinked', data: { personId: 'pig', unlinkedBy: `token:${adminId}` } });
    expect((await api.graphql(UNLINK, { token: admin })).body.errors?.map((error) => error.extensions.code)).toEqual(['NOT_FOUND']);

    const moved = await api.graphql(CHANGE_MEMBERSHIP, { token: admin, variables: { personId: 'piglet', team: 'payments', from: '2021-01-01T00:00:00+01:00', to: null } });
    expect(moved.body).toEqual({
      data: { changeMembership: { person: { id: 'piglet', teams: ['payments', 'sre'] }, team: 'payments', from: '2020-12-31T23:00:00.000Z', to: null, changed: true } },
    });
    expect(await lastEventOf('person-piglet')).toMatchObject({
      type: 'TeamMembershipChanged',
      data: { personId: 'piglet', teamSlug: 'payments', validFrom: '2020-12-31T23:00:00Z', changedBy: `token:${adminId}` },
    });
  });

  it.each([
    ['an unknown person', { personId: 'nobody', team: 'sre', from: '2021-01-01T00:00:00Z' }, 'NOT_FOUND', /no person "nobody"/],
    ['an unknown team', { personId: 'pig', team: 'nope', from: '2021-01-01T00:00:00Z' }, 'NOT_FOUND', /no team "nope"/],
    ['a period that ends before it starts', { personId: 'pig', team: 'sre', from: '2021-02-01T00:00:00Z', to: '2021-01-01T00:00:00Z' }, 'BAD_USER_INPUT', /ends .* before it starts/],
    ['a period that overlaps another in the team', { personId: 'pig', team: 'payments', from: '2021-01-01T00:00:00Z' }, 'BAD_USER_INPUT', /overlaps pig's period in "payments"/],
  ])('refuses a membership change for %s', async (_case, variables, code, message) => {
    const response = await api.graphql(CHANGE_MEMBERSHIP, { token: admin, variables });

    expect(response.body.errors?.map((error) => error.extensions.code)).toEqual([code]);
    expect(response.body.errors?.[0].message).toMatch(message);
  });
});
