import { randomUUID } from 'node:crypto';
import { startApp, type RunningApp } from '@tandem/runtime';
import { expectEventually } from '@tandem/testing';
import type { Client } from 'graphql-ws';
import { TOKEN_CACHE_MS } from './access/authenticator';
import { ApiModule } from './api.module';
import { startApi, websocketClient, type ApiUnderTest } from './testing/api.harness.spec';
import { ProbeModule } from './testing/probe.harness.spec';

/*
 * The distributed mode: read models and events on PostgreSQL, rate limits and live updates on
 * Redis, and two API replicas sharing them.
 */
describe('the API on PostgreSQL and Redis, two replicas', () => {
  let api: ApiUnderTest;
  let replica: RunningApp;
  let admin: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    api = await startApi({
      driver: 'mercurius',
      backend: 'postgres',
      modules: [ProbeModule],
      env: { TANDEM_API_RATE_LIMIT: '0.5', TANDEM_API_RATE_BURST: '5' },
    });
    replica = await startApp({ service: 'api', modules: [ApiModule, ProbeModule] }, api.config);
    admin = await api.issueToken('admin');
  });

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await replica.app.close();
    await api.close();
  });

  const onReplica = async (query: string, token: string) => {
    const response = await fetch(`${replica.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
  };

  it('serves teams with lead scoping and writes the audit log to PostgreSQL', async () => {
    const lead = await api.issueToken('lead', ['sre']);
    const response = await api.graphql<{ teams: { slug: string; members: { id: string }[] | null }[] }>('{ teams { slug members { id } } }', {
      token: lead,
      headers: { 'x-correlation-id': 'postgres-audit' },
    });

    expect(response.body.data?.teams).toEqual([
      { slug: 'payments', members: null },
      { slug: 'sre', members: [{ id: 'bob' }, { id: 'erin' }] },
      { slug: 'web', members: null },
    ]);
    const leadId = await api.tokenIdOf(lead);
    // Written in the background, within a moment of the answer.
    await expectEventually(
      async () =>
        expect(await api.auditEntries('postgres-audit')).toEqual([
          { token_id: leadId, role: 'lead', field: 'Team.members', subject: 'team:sre', correlation_id: 'postgres-audit' },
        ]),
      { timeoutMs: 5_000, intervalMs: 20 },
    );
  });

  it('refuses on every replica a token revoked on one', async () => {
    const member = await api.issueToken('member');
    expect((await onReplica('{ viewer { role } }', member)).status).toBe(200);

    await api.graphql('mutation Revoke($id: ID!) { revokeToken(id: $id) { id } }', { token: admin, variables: { id: await api.tokenIdOf(member) } });

    // The replica remembered the token (TOKEN_CACHE_MS); the revocation's broadcast over Redis makes it
    // forget within milliseconds, well inside that interval.
    const revokedAt = Date.now();
    await expectEventually(async () => expect((await onReplica('{ viewer { role } }', member)).status).toBe(401));
    expect(Date.now() - revokedAt).toBeLessThan(TOKEN_CACHE_MS);
  });

  it('shares each token’s rate limit between the replicas', async () => {
    const member = await api.issueToken('member');
    const statuses = [];
    for (let request = 0; request < 3; request += 1) statuses.push((await api.graphql('{ viewer { role } }', { token: member })).status);
    for (let request = 0; request < 3; request += 1) statuses.push((await onReplica('{ viewer { role } }', member)).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('delivers an update published on one replica to a subscriber on the other', async () => {
    const [publisher, subscriber] = [await api.issueToken('member'), await api.issueToken('member')];
    const channel = randomUUID();
    const received: unknown[] = [];
    const socket = websocketClient(replica.url, subscriber);
    sockets.push(socket);
    socket.subscribe(
      { query: 'subscription Probe($channel: String!) { probeEvents(channel: $channel) { message } }', variables: { channel } },
      { next: (value) => void received.push(value), error: () => undefined, complete: () => undefined },
    );

    await expectEventually(async () => {
      await api.graphql('mutation Publish($channel: String!) { probePublish(channel: $channel, message: "across") }', {
        token: publisher,
        variables: { channel },
      });
      expect(received.length).toBeGreaterThan(0);
    });

    expect(received[0]).toEqual({ data: { probeEvents: { message: 'across' } } });
  });

  it('is ready once PostgreSQL, the read models, Redis and the directory are', async () => {
    const response = await fetch(`${replica.url}/health/ready`);
    const report = (await response.json()) as { checks: { name: string; status: string }[] };

    expect(response.status).toBe(200);
    expect(report.checks.map((check) => [check.name, check.status]).sort()).toEqual(
      [
        ['directory', 'up'],
        ['postgresql', 'up'],
        ['read-models', 'up'],
        ['redis', 'up'],
      ].sort(),
    );
  });
});
