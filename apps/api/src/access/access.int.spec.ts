import { expectEventually } from '@tandem/testing';
import { DRIVERS, startApi, type ApiUnderTest } from '../testing/api.harness.spec';

const TEAM_MEMBERS = 'query TeamMembers { teams { slug members { id } } }';

describe.each(DRIVERS)('access control (%s)', (driver) => {
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    api = await startApi({ driver });
    admin = await api.issueToken('admin');
  });

  afterAll(async () => {
    await api.close();
  });

  it('answers 401 UNAUTHENTICATED without a token, with a malformed one, or an unknown one', async () => {
    for (const authorization of [undefined, 'Bearer nope', `Bearer tdm_${'A'.repeat(43)}`, `Basic ${Buffer.from('a:b').toString('base64')}`]) {
      const response = await api.graphql('{ viewer { role } }', { headers: authorization ? { authorization } : {} });

      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.body).toEqual({ errors: [{ message: expect.stringContaining('API token'), extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });

  it('tells the viewer who they are', async () => {
    const lead = await api.issueToken('lead', ['payments']);

    expect((await api.graphql('{ viewer { role teams } }', { token: lead })).body).toEqual({ data: { viewer: { role: 'LEAD', teams: ['payments'] } } });
    expect((await api.graphql('{ viewer { role teams } }', { token: admin })).body).toEqual({ data: { viewer: { role: 'ADMIN', teams: [] } } });
  });

  it("shows a lead their teams' members only, with FORBIDDEN for the others", async () => {
    const lead = await api.issueToken('lead', ['payments']);
    const response = await api.graphql<{ teams: { slug: string; members: { id: string }[] | null }[] }>(TEAM_MEMBERS, { token: lead });

    expect(response.status).toBe(200);
    expect(response.body.data?.teams).toEqual([
      { slug: 'payments', members: [{ id: 'alice' }, { id: 'dave' }] },
      { slug: 'sre', members: null },
      { slug: 'web', members: null },
    ]);
    expect(response.body.errors?.map((error) => [error.extensions.code, error.path])).toEqual([
      ['FORBIDDEN', ['teams', 1, 'members']],
      ['FORBIDDEN', ['teams', 2, 'members']],
    ]);
  });

  it('shows members no team detail, and admins all of it', async () => {
    const member = await api.issueToken('member', ['payments']);
    const asMember = await api.graphql<{ teams: { members: unknown }[] }>(TEAM_MEMBERS, { token: member });
    const asAdmin = await api.graphql<{ teams: { members: { id: string }[] }[] }>(TEAM_MEMBERS, { token: admin });

    expect(asMember.body.data?.teams.map((team) => team.members)).toEqual([null, null, null]);
    expect(asMember.body.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data?.teams.map((team) => team.members.length)).toEqual([2, 2, 2]);
  });

  it('audits every read of team members (and no refused one) with the token and the correlation id', async () => {
    const lead = await api.issueToken('lead', ['sre']);
    const viewerId = await api.tokenIdOf(lead);
    await api.graphql(TEAM_MEMBERS, { token: lead, headers: { 'x-correlation-id': `audit-${driver}` } });

    // Written in the background, within a moment of the answer.
    await expectEventually(
      async () =>
        expect(await api.auditEntries(`audit-${driver}`)).toEqual([{ token_id: viewerId, role: 'lead', field: 'Team.members', subject: 'team:sre', correlation_id: `audit-${driver}` }]),
      { timeoutMs: 5_000, intervalMs: 20 },
    );
  });

  it("writes no audit entry when a member reads the organisation's and teams' KPIs (they are not person-level)", async () => {
    const member = await api.issueToken('member');
    const lead = await api.issueToken('lead', ['sre']);
    const window = { from: '2026-01-05T00:00:00Z', to: '2026-03-30T00:00:00Z' };
    const read = await api.graphql(
      `query Overview($from: DateTime!, $to: DateTime!) {
        organization: kpis(from: $from, to: $to) { kpi value }
        team: kpis(scope: { team: "sre" }, from: $from, to: $to) { kpi value }
        kpiSeries(id: "time_to_restore", scope: { team: "sre" }, from: $from, to: $to, bucket: WEEK) { bucket value { value } }
        reviewMatrix(from: $from, to: $to) { fromTeam toTeam reviews }
      }`,
      { token: member, variables: window, headers: { 'x-correlation-id': `kpis-${driver}` } },
    );
    // An audited read after it: entries are written in order, so once this one is, the member's would be.
    await api.graphql(TEAM_MEMBERS, { token: lead, headers: { 'x-correlation-id': `after-kpis-${driver}` } });

    expect(read.body.errors).toBeUndefined();
    await expectEventually(async () => expect(await api.auditEntries(`after-kpis-${driver}`)).toHaveLength(1), { timeoutMs: 5_000, intervalMs: 20 });
    expect(await api.auditEntries(`kpis-${driver}`)).toEqual([]);
  });

  it('keeps token administration for admins', async () => {
    const member = await api.issueToken('member');
    const response = await api.graphql('{ apiTokens { edges { node { id } } } }', { token: member });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: null,
      errors: [expect.objectContaining({ path: ['apiTokens'], extensions: { code: 'FORBIDDEN' }, message: 'Query.apiTokens is for the admin role' })],
    });
  });

  it('lists tokens newest first, a bounded page at a time, without their secrets', async () => {
    const query = `query Tokens($after: String) { apiTokens(first: 2, after: $after, includeRevoked: true) {
      edges { cursor node { id hint role teams createdAt revokedAt } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    type Page = { apiTokens: { edges: { node: { id: string; hint: string; createdAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const first = await api.graphql<Page>(query, { token: admin });
    const second = await api.graphql<Page>(query, { token: admin, variables: { after: first.body.data?.apiTokens.pageInfo.endCursor } });
    const nodes = [...(first.body.data?.apiTokens.edges ?? []), ...(second.body.data?.apiTokens.edges ?? [])].map((edge) => edge.node);

    expect(first.body.data?.apiTokens.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(second.body.data?.apiTokens.pageInfo).toMatchObject({ hasPreviousPage: true });
    expect(new Set(nodes.map((node) => node.id)).size).toBe(4);
    expect(nodes.map((node) => node.createdAt)).toEqual([...nodes.map((node) => node.createdAt)].sort().reverse());
    expect(nodes.every((node) => /^tdm_.{4}…$/.test(node.hint))).toBe(true);
  });

  it('revokes a token at once, and says NOT_FOUND for an unknown one', async () => {
    const member = await api.issueToken('member');
    expect((await api.graphql('{ viewer { role } }', { token: member })).status).toBe(200);

    const revoked = await api.graphql<{ revokeToken: { role: string; revokedAt: string } }>(
      'mutation Revoke($id: ID!) { revokeToken(id: $id) { role revokedAt } }',
      { token: admin, variables: { id: await api.tokenIdOf(member) } },
    );
    expect(revoked.body.data?.revokeToken).toEqual({ role: 'MEMBER', revokedAt: expect.stringMatching(/^\d{4}-.*Z$/) });
    expect((await api.graphql('{ viewer { role } }', { token: member })).status).toBe(401);

    const unknown = await api.graphql('mutation { revokeToken(id: "no-such-token") { id } }', { token: admin });
    expect(unknown.body.errors?.map((error) => error.extensions.code)).toEqual(['NOT_FOUND']);
  });
});
