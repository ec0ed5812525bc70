import { KpiReadModel } from '@tandem/projections';
import { expectEventually } from '@tandem/testing';
import type { Registry } from 'prom-client';
import { DRIVERS, startApi, type ApiUnderTest } from '../testing/api.harness.spec';
import { applyOrganization, generatedOrganizationYaml } from '../testing/organization.harness.spec';

/** A counter's value from the process's registry, by labels. */
async function counterValue(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.find((value) => Object.entries(labels).every(([key, label]) => value.labels[key] === label))?.value ?? 0;
}

const TEAMS_QUERY = 'query Teams { teams { slug name kind members { id name } services { slug ownedBy } } }';
const NESTED_QUERY = `query Nested {
  teams { slug members { id name } services { slug ownedBy incidents(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", first: 5) { totalCount } } }
}`;

describe.each(DRIVERS)('operating the API (%s)', (driver) => {
  const TEAMS = 25;
  let api: ApiUnderTest;
  let admin: string;

  beforeAll(async () => {
    api = await startApi({ driver, organization: generatedOrganizationYaml(TEAMS, 4, { services: true }) });
    admin = await api.issueToken('admin');
  });

  afterAll(async () => {
    await api.close();
  });

  it('reads a nested query in constant work: one token look-up, one audit insert and one incident list for 25 teams', async () => {
    const registry = api.running.infrastructure.metrics;
    const statements = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        await Promise.all(
          ['select', 'insert', 'update', 'delete', 'other'].map(async (statement) => [
            statement,
            await counterValue(registry, 'tandem_read_model_queries_total', { statement }),
          ]),
        ),
      );
    const incidentLists = jest.spyOn(api.running.app.get(KpiReadModel), 'serviceIncidents');
    const before = await statements();

    const response = await api.graphql<{ teams: { members: unknown[]; services: { incidents: { totalCount: number } }[] }[] }>(NESTED_QUERY, { token: admin });
    // The audit entry of the members' read is written in the background, within a moment.
    await expectEventually(async () => expect((await statements()).insert).toBe(before.insert + 1), { timeoutMs: 5_000, intervalMs: 20 });
    const after = await statements();

    expect(response.body.errors).toBeUndefined();
    const teams = response.body.data?.teams ?? [];
    expect(teams).toHaveLength(TEAMS);
    expect(teams.every((team) => team.members.length === 4)).toBe(true);
    // 13 services, each under its owning and its operating team.
    expect(teams.flatMap((team) => team.services)).toHaveLength(25);
    expect(teams.flatMap((team) => team.services).every((service) => service.incidents.totalCount === 0)).toBe(true);
    expect(incidentLists).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(Object.entries(after).map(([statement, count]) => [statement, count - before[statement]]))).toEqual({
      select: 1,
      insert: 1,
      update: 0,
      delete: 0,
      other: 0,
    });
    incidentLists.mockRestore();
  });

  it('counts GraphQL requests by operation and outcome, and times them', async () => {
    const registry = api.running.infrastructure.metrics;
    const requests = (labels: Record<string, string>) => counterValue(registry, 'tandem_graphql_requests_total', labels);
    const [ok, unauthenticated, rejected] = await Promise.all([
      requests({ operation: 'Teams', outcome: 'ok' }),
      requests({ operation: 'unknown', outcome: 'unauthenticated' }),
      requests({ operation: 'Broken', outcome: 'rejected' }),
    ]);

    await api.graphql(TEAMS_QUERY, { token: admin, operationName: 'Teams' });
    await api.graphql(TEAMS_QUERY, { operationName: 'Teams' });
    await api.graphql('query Broken { nothing }', { token: admin, operationName: 'Broken' });

    expect(await requests({ operation: 'Teams', outcome: 'ok' })).toBe(ok + 1);
    // Refused before its body was read: its operation is unknown.
    expect(await requests({ operation: 'unknown', outcome: 'unauthenticated' })).toBe(unauthenticated + 1);
    expect(await requests({ operation: 'Broken', outcome: 'rejected' })).toBe(rejected + 1);
    expect(await registry.getSingleMetricAsString('tandem_graphql_request_duration_seconds')).toMatch(
      /_count\{service="api",operation="Teams",outcome="ok"\} [1-9]/,
    );
  });

  it('serves /metrics to a token holder only (TANDEM_METRICS_PUBLIC is false by default)', async () => {
    const anonymous = await fetch(`${api.url}/metrics`);
    const scraper = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } });

    expect(anonymous.status).toBe(401);
    expect(scraper.status).toBe(200);
    expect(await scraper.text()).toContain('tandem_graphql_requests_total{');
  });

  it("keeps the caller's correlation id, or gives one", async () => {
    const kept = await api.graphql('{ viewer { role } }', { token: admin, headers: { 'x-correlation-id': 'req-42' } });
    const given = await api.graphql('{ viewer { role } }', { token: admin, headers: { 'x-correlation-id': 'not valid!' } });

    expect(kept.headers.get('x-correlation-id')).toBe('req-42');
    expect(given.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is ready once the read-model database and the directory are', async () => {
    const response = await fetch(`${api.url}/health/ready`);
    const report = (await response.json()) as { checks: { name: string; status: string }[] };

    expect(response.status).toBe(200);
    expect(report.checks).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'read-models', status: 'up' }), expect.objectContaining({ name: 'directory', status: 'up' })]),
    );
  });

  it('follows the directory as it changes', async () => {
    const { DirectoryService } = await import('../organization/directory.service');
    const directory = api.running.app.get(DirectoryService).current();
    const grown = generatedOrganizationYaml(TEAMS, 4).replace('teams:\n', 'teams:\n  - { slug: newcomers, name: Newcomers, kind: ops }\n');
    await applyOrganization(api.running.infrastructure.eventStore, grown, directory, '2021-01-01T00:00:00Z');

    await expectEventually(async () => {
      const response = await api.graphql<{ teams: { slug: string; kind: string }[] }>('{ teams { slug kind } }', { token: admin });
      expect(response.body.data?.teams).toContainEqual({ slug: 'newcomers', kind: 'OPS' });
    });
  });
});
