/**
 * The per-checkpoint response cache on the embedded app, both drivers: PagerDuty webhooks through
 * the gateway, recorded and projected, read back over GraphQL by several viewers.
 */
import { GatewayModule } from '@apps/gateway';
import { ProjectorModule } from '@apps/projector';
import { RecorderModule } from '@apps/recorder';
import { KpiReadModel } from '@tandem/projections';
import { expectEventually } from '@tandem/testing';
import type { Registry } from 'prom-client';
import { DRIVERS, startApi, type ApiUnderTest } from '../../testing/api.harness.spec';
import { deliverPagerDuty, pagerdutyFixture, readdressed, type PagerdutyWebhook } from '../../testing/pagerduty.harness.spec';

const SECRET = 'response-cache-int-secret';
/** Answers may be this old, so cached ones live this long; the projection's moves show within it. */
const STALENESS_MS = 3_000;
const WINDOW = { from: '2021-06-01T00:00:00Z', to: '2021-06-08T00:00:00Z' };
const TRIGGERED_AT = '2021-06-04T13:35:29.781Z';

const KPIS = `query Kpis($scope: KpiScope, $from: DateTime!, $to: DateTime!) {
  kpis(scope: $scope, from: $from, to: $to) { kpi value sampleSize suppressed }
}`;
const ORGANIZATION = 'query Organization { teams { slug name kind services { slug ownedBy operatedBy } } services { slug } }';
const SRE_INCIDENTS = `query SreIncidents($from: DateTime!, $to: DateTime!) {
  incidents(from: $from, to: $to, team: "sre", first: 5) { totalCount edges { node { tool milestones { triggered acknowledged resolved } } } }
}`;
const SERVICE_INCIDENTS = `query ServiceIncidents($from: DateTime!, $to: DateTime!) {
  teams { slug services { slug incidents(from: $from, to: $to, first: 5) { totalCount } } }
}`;

interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

type CacheResult = 'hit' | 'miss' | 'uncacheable';

describe.each(DRIVERS)('the response cache (%s)', (driver) => {
  let api: ApiUnderTest;
  let admin: string;
  let member: string;
  let sreLead: string;
  let incidentId: string;

  async function post(query: string, token: string | undefined, variables: Record<string, unknown> = WINDOW, operationName?: string): Promise<Answer> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  async function counted(): Promise<Record<CacheResult, number>> {
    const registry: Registry = api.running.infrastructure.metrics;
    const { values } = await registry.getSingleMetric('tandem_graphql_response_cache_requests_total')!.get();
    const of = (result: CacheResult) => values.find((value) => value.labels.result === result)?.value ?? 0;
    return { hit: of('hit'), miss: of('miss'), uncacheable: of('uncacheable') };
  }

  /** What the cache counted while `run` ran. */
  async function countedDuring(run: () => Promise<void>): Promise<Record<CacheResult, number>> {
    const before = await counted();
    await run();
    const after = await counted();
    return { hit: after.hit - before.hit, miss: after.miss - before.miss, uncacheable: after.uncacheable - before.uncacheable };
  }

  async function deliver(webhook: PagerdutyWebhook): Promise<void> {
    const status = await deliverPagerDuty(api.url, webhook, SECRET);
    if (status !== 202) throw new Error(`the gateway answered ${status} to a signed PagerDuty delivery`);
  }

  beforeAll(async () => {
    api = await startApi({
      driver,
      env: { TANDEM_PAGERDUTY_WEBHOOK_SECRET: SECRET, TANDEM_KPI_MAX_STALENESS_MS: String(STALENESS_MS) },
      modules: [GatewayModule, RecorderModule, ProjectorModule],
    });
    [admin, member, sreLead] = await Promise.all([api.issueToken('admin'), api.issueToken('member'), api.issueToken('lead', ['sre'])]);
    const triggered = pagerdutyFixture('zulip__triggered_v3.json');
    incidentId = triggered.event.data.id;
    if (triggered.event.occurred_at !== TRIGGERED_AT) throw new Error(`the trigger fixture changed: ${triggered.event.occurred_at}`);
    await deliver(triggered);
    await deliver(readdressed('zulip__acknowledged_v3.json', incidentId, '2021-06-04T13:55:30.394Z'));
    // Projected and answered (the cache then holds answers of this checkpoint).
    await expectEventually(
      async () => {
        const answer = JSON.parse((await post(KPIS, member)).text) as { data: { kpis: { kpi: string; sampleSize: number }[] } };
        if (answer.data.kpis.find((row) => row.kpi === 'time_to_acknowledge')?.sampleSize !== 1) throw new Error('the acknowledged incident is not projected yet');
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('answers a repeated read-model query with the body it executed, per viewer and query, with a correlation id of its own', async () => {
    const asked: [string, string, Record<string, unknown>][] = [
      [KPIS, admin, WINDOW],
      [KPIS, member, { ...WINDOW, scope: { team: 'sre' } }],
      [ORGANIZATION, member, {}],
      [SRE_INCIDENTS, sreLead, WINDOW],
      [SERVICE_INCIDENTS, admin, WINDOW],
    ];
    for (const [query, token, variables] of asked) {
      let executed!: Answer;
      let cached!: Answer;
      // The checkpoint may move between the two (the projector commits its checkpoint after its last batch): then both execute.
      await expectEventually(async () => {
        const counts = await countedDuring(async () => {
          executed = await post(query, token, variables);
          cached = await post(query, token, variables);
        });
        expect(counts).toEqual({ hit: 1, miss: 1, uncacheable: 0 });
      });

      expect(executed.status).toBe(200);
      expect(JSON.parse(executed.text)).not.toHaveProperty('errors');
      expect(cached.status).toBe(200);
      expect(cached.text).toBe(executed.text);
      expect(cached.headers.get('content-type')).toBe(executed.headers.get('content-type'));
      expect(cached.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(cached.headers.get('x-correlation-id')).not.toBe(executed.headers.get('x-correlation-id'));
    }
  });

  it('keeps each operation of a document apart, and caches only those that may be', async () => {
    const operations = `query Organization { teams { slug } }
query Kpis($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) { kpi value } }
subscription Updates { kpisUpdated(from: "${WINDOW.from}", to: "${WINDOW.to}") { position } }`;
    const answers: Record<string, Answer[]> = {};
    let counts!: Record<CacheResult, number>;
    await expectEventually(async () => {
      counts = await countedDuring(async () => {
        for (const operationName of ['Organization', 'Kpis', 'Updates']) {
          answers[operationName] = [await post(operations, admin, WINDOW, operationName), await post(operations, admin, WINDOW, operationName)];
        }
      });
      expect(counts).toEqual({ hit: 2, miss: 2, uncacheable: 2 });
    });

    for (const operationName of ['Organization', 'Kpis']) {
      const [executed, cached] = answers[operationName];
      expect(JSON.parse(executed.text)).not.toHaveProperty('errors');
      expect(cached.text).toBe(executed.text);
    }
    expect(Object.keys((JSON.parse(answers.Organization[1].text) as { data: object }).data)).toEqual(['teams']);
    expect(Object.keys((JSON.parse(answers.Kpis[1].text) as { data: object }).data)).toEqual(['kpis']);
  });

  it('executes concurrent identical requests once: the others wait for its answer', async () => {
    const readModel = api.running.app.get(KpiReadModel);
    const kpis = readModel.kpis.bind(readModel);
    // A slow execution, so that all the requests arrive while the first one runs.
    const slow = jest.spyOn(readModel, 'kpis').mockImplementation(async (query) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return kpis(query);
    });
    let answers: Answer[] = [];
    let attempt = 0;
    await expectEventually(async () => {
      attempt += 1;
      const fresh = { from: '2021-06-02T00:00:00Z', to: `2021-06-09T00:00:${String(attempt).padStart(2, '0')}Z` };
      const counts = await countedDuring(async () => {
        answers = await Promise.all(Array.from({ length: 6 }, () => post(KPIS, admin, fresh)));
      });
      expect(counts).toEqual({ hit: 5, miss: 1, uncacheable: 0 });
    });
    slow.mockRestore();

    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(JSON.parse(answers[0].text)).not.toHaveProperty('errors');
  });

  it("keeps an answer until the directory's next change of \"now\", executing it again past half that life", async () => {
    // Carol joins payments in 13 s: from then on the directory answers "who is in payments now" otherwise.
    const joinsAt = Date.now() + 13_000;
    const joined = await post(
      'mutation Join($from: DateTime!) { changeMembership(personId: "carol", team: "payments", from: $from) { changed } }',
      admin,
      { from: new Date(joinsAt).toISOString() },
    );
    expect(JSON.parse(joined.text)).toEqual({ data: { changeMembership: { changed: true } } });
    const twice = () =>
      countedDuring(async () => {
        await post(ORGANIZATION, admin, {});
        await post(ORGANIZATION, admin, {});
      });
    const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

    // The membership event also moves the projection's checkpoint: answers are keyed by the new one once the read model has seen it.
    await sleepUntil(Date.now() + STALENESS_MS + 500);
    const keptAt = Date.now();
    expect(await twice()).toEqual({ hit: 1, miss: 1, uncacheable: 0 }); // Executed, then answered from the cache.
    await sleepUntil(keptAt + STALENESS_MS + 600);
    expect(await twice()).toEqual({ hit: 2, miss: 0, uncacheable: 0 }); // Older than the staleness bound: nothing it depends on moved.
    await sleepUntil(keptAt + (joinsAt - keptAt) / 2 + 300);
    expect(await twice()).toEqual({ hit: 1, miss: 1, uncacheable: 0 }); // Past half its life: executed again while the other is answered from it.
    await sleepUntil(joinsAt + 300);
    expect(await twice()).toEqual({ hit: 1, miss: 1, uncacheable: 0 }); // The change came: the entry is gone.
  });

  it("shares answers within an access class only: a lead's team detail is not a member's, nor another team's lead's", async () => {
    const otherMember = await api.issueToken('member', ['payments']);
    const sameLead = await api.issueToken('lead', ['sre']);
    const paymentsLead = await api.issueToken('lead', ['payments']);
    const leads = await post(SRE_INCIDENTS, sreLead);
    const sameLeads = await post(SRE_INCIDENTS, sameLead);

    const refusals = await countedDuring(async () => {
      for (const token of [member, paymentsLead]) {
        const answer = JSON.parse((await post(SRE_INCIDENTS, token)).text) as { data: unknown; errors: { extensions: { code: string } }[] };
        expect(answer.data).toBeNull();
        expect(answer.errors.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
      }
    });
    const members = await post(KPIS, member);
    const otherMembers = await post(KPIS, otherMember);

    // (The PagerDuty service is no service of the organisation: no team's incident.)
    expect(JSON.parse(leads.text)).toEqual({ data: { incidents: { totalCount: 0, edges: [] } } });
    expect(sameLeads.text).toBe(leads.text);
    // Not the lead's answer: executed for each, and refused.
    expect(refusals).toMatchObject({ hit: 0, miss: 2 });
    expect(otherMembers.text).toBe(members.text);
    // Per service, a lead sees the detail of their own team's services only.
    const adminsServices = JSON.parse((await post(SERVICE_INCIDENTS, admin)).text) as { errors?: unknown[] };
    const leadsServices = JSON.parse((await post(SERVICE_INCIDENTS, sreLead)).text) as { errors?: unknown[] };
    expect(adminsServices.errors).toBeUndefined();
    expect(leadsServices.errors?.length).toBeGreaterThan(0);
  });

  it('answers the new numbers once the projection moved', async () => {
    const restore = async () => {
      const answer = JSON.parse((await post(KPIS, member)).text) as { data: { kpis: { kpi: string; sampleSize: number }[] } };
      return answer.data.kpis.find((row) => row.kpi === 'time_to_restore')?.sampleSize;
    };
    expect(await restore()).toBe(0);
    const repeated = await countedDuring(async () => {
      expect(await restore()).toBe(0);
    });
    expect(repeated.hit + repeated.miss).toBe(1);
    // A moved checkpoint, or a replay's new generation, makes the kept answers unreachable at once.
    const readModel = api.running.app.get(KpiReadModel);
    const answering = await readModel.answeringPosition();
    for (const moved of [{ ...answering, position: answering.position + 1 }, { ...answering, generation: answering.generation + 1 }]) {
      await restore();
      const checkpoint = jest.spyOn(readModel, 'answeringPosition').mockResolvedValue(moved);
      const afterMove = await countedDuring(async () => void (await restore()));
      checkpoint.mockRestore();
      expect(afterMove).toEqual({ hit: 0, miss: 1, uncacheable: 0 });
    }

    await deliver(readdressed('zulip__resolved_v3.json', incidentId, '2021-06-04T14:20:00.000Z'));

    await expectEventually(async () => expect(await restore()).toBe(1), { timeoutMs: 30_000, intervalMs: 200 });
  });

  it('never answers a mutation, a subscription or an audited read from the cache', async () => {
    const revoked = await api.issueToken('member');
    const tokenId = await api.tokenIdOf(revoked);
    const revoke = `mutation Revoke { revokeToken(id: "${tokenId}") { id revokedAt } }`;
    const subscription = `subscription Updates { kpisUpdated(from: "${WINDOW.from}", to: "${WINDOW.to}") { position } }`;
    const members = 'query Members { teams { slug members { id } } }';

    const counts = await countedDuring(async () => {
      for (const query of [revoke, revoke, subscription, subscription]) await post(query, admin, {});
    });
    const audited = await countedDuring(async () => {
      const first = await post(members, admin, {});
      const second = await post(members, admin, {});
      expect(second.text).toBe(first.text);
      for (const answer of [first, second]) {
        const correlationId = answer.headers.get('x-correlation-id')!;
        await expectEventually(async () => expect(await api.auditEntries(correlationId)).toHaveLength(3));
      }
    });

    expect(counts).toEqual({ hit: 0, miss: 0, uncacheable: 4 });
    // Executed each time (and written to the audit log each time), never kept.
    expect(audited).toEqual({ hit: 0, miss: 2, uncacheable: 0 });
  });

  it('keeps authentication, the query limits and the errors of every request', async () => {
    const deep = `query Deep { ${'teams { services { '.repeat(10)}slug${' } }'.repeat(10)} }`;
    const aliases = `query Aliases { ${Array.from({ length: 200 }, (_, n) => `a${n}: teams { slug }`).join(' ')} }`;
    const wrongWindow = { from: WINDOW.to, to: WINDOW.from };

    const unauthenticated = await post(KPIS, undefined);
    const counts = await countedDuring(async () => {
      for (const query of [deep, deep, aliases, aliases]) {
        const answer = await post(query, admin, {});
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect((JSON.parse(answer.text) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('QUERY_LIMIT_EXCEEDED');
      }
      for (let request = 0; request < 2; request += 1) {
        const answer = JSON.parse((await post(KPIS, admin, wrongWindow)).text) as { errors: { extensions: { code: string } }[] };
        expect(answer.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      }
    });

    expect(unauthenticated.status).toBe(401);
    // Refused or failed answers are executed every time: nothing was kept.
    expect(counts.hit).toBe(0);
  });
});
