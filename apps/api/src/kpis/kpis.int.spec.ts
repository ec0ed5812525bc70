/**
 * The KPI queries on the embedded app: signed PagerDuty webhooks through the gateway, recorded,
 * projected, and read back over GraphQL with a token.
 */
import { GatewayModule } from '@apps/gateway';
import { ProjectorModule } from '@apps/projector';
import { RecorderModule } from '@apps/recorder';
import { KpiReadModel } from '@tandem/projections';
import { expectEventually } from '@tandem/testing';
import { DRIVERS, startApi, type ApiUnderTest } from '../testing/api.harness.spec';
import { deliverPagerDuty, pagerdutyFixture, readdressed, type PagerdutyWebhook } from '../testing/pagerduty.harness.spec';

const SECRET = 'kpis-int-secret';
const WINDOW = { from: '2021-06-01T00:00:00Z', to: '2021-06-08T00:00:00Z' };
const TRIGGERED_AT = '2021-06-04T13:35:29.781Z';
const ACKNOWLEDGED_AT = '2021-06-04T13:55:30.394Z';
const RESOLVED_AT = '2021-06-04T14:20:00.000Z';
const TIME_TO_ACKNOWLEDGE = (Date.parse(ACKNOWLEDGED_AT) - Date.parse(TRIGGERED_AT)) / 1000;

const KPIS = `query Kpis($scope: KpiScope, $from: DateTime!, $to: DateTime!) {
  kpis(scope: $scope, from: $from, to: $to) { kpi version value unit sampleSize suppressed }
}`;

interface KpiRow {
  kpi: string;
  version: number;
  value: number | null;
  unit: string;
  sampleSize: number;
  suppressed: boolean;
}

/**
 * One incident's trigger, acknowledgement and resolution. The vendor samples are of three
 * different incidents: the acknowledgement and the resolution are re-addressed to the triggered one.
 */
function lifecycle(): PagerdutyWebhook[] {
  const triggered = pagerdutyFixture('zulip__triggered_v3.json');
  const incidentId = triggered.event.data.id;
  if (triggered.event.occurred_at !== TRIGGERED_AT) throw new Error(`the trigger fixture changed: ${triggered.event.occurred_at}`);
  return [triggered, readdressed('zulip__acknowledged_v3.json', incidentId, ACKNOWLEDGED_AT), readdressed('zulip__resolved_v3.json', incidentId, RESOLVED_AT)];
}

describe.each(DRIVERS)('KPI queries on the embedded app (gateway → recorder → projector → API, %s)', (driver) => {
  let api: ApiUnderTest;
  let member: string;
  let admin: string;

  beforeAll(async () => {
    api = await startApi({
      driver,
      env: { TANDEM_PAGERDUTY_WEBHOOK_SECRET: SECRET },
      modules: [GatewayModule, RecorderModule, ProjectorModule],
    });
    member = await api.issueToken('member');
    admin = await api.issueToken('admin');
    for (const webhook of lifecycle()) {
      const status = await deliverPagerDuty(api.url, webhook, SECRET);
      if (status !== 202) throw new Error(`the gateway answered ${status} to a signed PagerDuty delivery`);
    }
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it("answers the organisation's time_to_acknowledge from the delivered incident", async () => {
    await expectEventually(
      async () => {
        const response = await api.graphql<{ kpis: KpiRow[] }>(KPIS, { token: member, variables: WINDOW });
        expect(response.body.errors).toBeUndefined();
        const tta = response.body.data?.kpis.find((row) => row.kpi === 'time_to_acknowledge');
        expect(tta).toEqual({ kpi: 'time_to_acknowledge', version: 1, value: TIME_TO_ACKNOWLEDGE, unit: 'seconds', sampleSize: 1, suppressed: false });
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });

  it('lists the incident with its milestones for an admin', async () => {
    const response = await api.graphql<{ incidents: { totalCount: number; edges: { node: { tool: string; milestones: Record<string, string | null> } }[] } }>(
      `query Incidents($from: DateTime!, $to: DateTime!) {
        incidents(from: $from, to: $to, first: 10) { totalCount edges { cursor node { tool milestones { triggered acknowledged resolved } } } pageInfo { hasNextPage } }
      }`,
      { token: admin, variables: WINDOW },
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.incidents.totalCount).toBe(1);
    expect(response.body.data?.incidents.edges[0].node).toEqual({
      tool: 'pagerduty',
      milestones: { triggered: TRIGGERED_AT, acknowledged: ACKNOWLEDGED_AT, resolved: RESOLVED_AT },
    });
  });

  it('answers a member a daily series and the review matrix, and a lead their own team\'s incidents', async () => {
    const lead = await api.issueToken('lead', ['sre']);
    const response = await api.graphql<{
      kpiSeries: { bucket: string; from: string; to: string; value: { value: number | null; sampleSize: number } }[];
      reviewMatrix: unknown[];
    }>(
      `query Series($from: DateTime!, $to: DateTime!) {
        kpiSeries(id: "time_to_acknowledge", from: $from, to: $to, bucket: DAY) { bucket from to value { value sampleSize } }
        reviewMatrix(from: $from, to: $to) { fromTeam toTeam reviews }
      }`,
      { token: member, variables: WINDOW },
    );
    const incidents = await api.graphql<{ incidents: { totalCount: number } }>(
      `query { incidents(from: "${WINDOW.from}", to: "${WINDOW.to}", team: "sre", first: 5) { totalCount } }`,
      { token: lead },
    );

    expect(response.body.errors).toBeUndefined();
    const series = response.body.data?.kpiSeries ?? [];
    expect(series).toHaveLength(8);
    expect(series.find((point) => point.value.sampleSize > 0)).toEqual({
      bucket: '2021-06-04',
      from: '2021-06-03T22:00:00.000Z',
      to: '2021-06-04T22:00:00.000Z',
      value: { value: TIME_TO_ACKNOWLEDGE, sampleSize: 1 },
    });
    expect(response.body.data?.reviewMatrix).toEqual([]);
    // The PagerDuty service is no service of the organisation: no team's incident.
    expect(incidents.body).toEqual({ data: { incidents: { totalCount: 0 } } });
  });

  it("lists a service's incidents for admins and the leads of the teams that own or run it (FORBIDDEN otherwise)", async () => {
    const lead = await api.issueToken('lead', ['sre']);
    const query = `query ServiceIncidents($from: DateTime!, $to: DateTime!) {
      teams { slug services { slug incidents(from: $from, to: $to, first: 5) { totalCount pageInfo { hasNextPage } } } }
    }`;
    type Answer = { teams: { slug: string; services: { slug: string; incidents: { totalCount: number } | null }[] }[] };
    const incidentsOf = (answer: Answer | null | undefined) => answer?.teams.flatMap((team) => team.services.map((service) => [team.slug, service.slug, service.incidents?.totalCount ?? null]));
    const [asAdmin, asLead, asMember] = await Promise.all([admin, lead, member].map((token) => api.graphql<Answer>(query, { token, variables: WINDOW })));

    expect(asAdmin.body.errors).toBeUndefined();
    // The PagerDuty service is no service of the organisation: no service has the incident.
    expect(incidentsOf(asAdmin.body.data)).toEqual([
      ['payments', 'checkout', 0],
      ['sre', 'checkout', 0],
      ['web', 'site', 0],
    ]);
    // SRE runs checkout; site is web's alone.
    expect(incidentsOf(asLead.body.data)).toEqual([
      ['payments', 'checkout', 0],
      ['sre', 'checkout', 0],
      ['web', 'site', null],
    ]);
    expect(asLead.body.errors?.map((error) => [error.extensions.code, error.path?.join('.')])).toEqual([['FORBIDDEN', 'teams.2.services.0.incidents']]);
    expect(incidentsOf(asMember.body.data)).toEqual([
      ['payments', 'checkout', null],
      ['sre', 'checkout', null],
      ['web', 'site', null],
    ]);
    expect(asMember.body.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it("refuses a member the facts behind the organisation's value and its incident list (FORBIDDEN)", async () => {
    const explain = await api.graphql(
      `query { explain(id: "time_to_acknowledge", from: "${WINDOW.from}", to: "${WINDOW.to}") { value { value } facts { key } } }`,
      { token: member },
    );
    const incidents = await api.graphql(`query { incidents(from: "${WINDOW.from}", to: "${WINDOW.to}", team: "payments") { totalCount } }`, { token: member });

    expect(explain.body.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
    expect(incidents.body.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('explains the value to an admin', async () => {
    const response = await api.graphql<{ explain: { value: { value: number }; facts: { kind: string; value: number }[] } }>(
      `query { explain(id: "time_to_acknowledge", from: "${WINDOW.from}", to: "${WINDOW.to}") { value { value } facts { kind value } } }`,
      { token: admin },
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.explain).toEqual({ value: { value: TIME_TO_ACKNOWLEDGE }, facts: [{ kind: 'incident', value: TIME_TO_ACKNOWLEDGE }] });
  });

  it('explains every value of a kpis answer on the value itself, each KPI explained once however often it is asked', async () => {
    const readModel = api.running.app.get(KpiReadModel);
    const explain = jest.spyOn(readModel, 'explain');
    try {
      const response = await api.graphql<{ first: { kpi: string; explain: { value: { kpi: string }; facts: { kind: string; value: number }[] } }[]; again: unknown[]; query: unknown }>(
        `query($from: DateTime!, $to: DateTime!) {
          first: kpis(from: $from, to: $to) { kpi explain { value { kpi } facts { kind value } } }
          again: kpis(from: $from, to: $to) { kpi explain { value { kpi } facts { kind value } } }
          query: explain(id: "time_to_acknowledge", from: $from, to: $to, version: 1) { value { kpi } facts { kind value } }
        }`,
        { token: admin, variables: WINDOW },
      );

      expect(response.body.errors).toBeUndefined();
      const first = response.body.data?.first ?? [];
      expect(first).toHaveLength(18);
      for (const value of first) expect(value.explain.value.kpi).toBe(value.kpi);
      const tta = first.find((value) => value.kpi === 'time_to_acknowledge');
      // The same explanation as the explain query's.
      expect(tta?.explain).toEqual(response.body.data?.query);
      expect(tta?.explain.facts).toEqual([{ kind: 'incident', value: TIME_TO_ACKNOWLEDGE }]);
      expect(response.body.data?.again).toEqual(first);
      // 18 KPIs, time_to_acknowledge v1 asked three ways (on both values and by the query): each explained once.
      expect(explain).toHaveBeenCalledTimes(18);
    } finally {
      explain.mockRestore();
    }
  });

  it("answers a member the organisation's values, each explain null with FORBIDDEN", async () => {
    const response = await api.graphql<{ kpis: { kpi: string; explain: unknown }[] }>(
      `query($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to) { kpi explain { definition } } }`,
      { token: member, variables: WINDOW },
    );

    expect(response.body.data?.kpis).toHaveLength(18);
    expect(response.body.data?.kpis.every((value) => value.explain === null)).toBe(true);
    expect(new Set(response.body.errors?.map((error) => error.extensions.code))).toEqual(new Set(['FORBIDDEN']));
    expect(response.body.errors).toHaveLength(18);
  });

  it('follows a correction live: kpisUpdated answers the values now, then the changed ones once projected, explained per update', async () => {
    type Update = { position: number; values: { kpi: string; value: number | null; explain: { value: { value: number | null } } | null }[] };
    const received: Update[] = [];
    const errors: unknown[] = [];
    const stop = api.websocket(admin).subscribe<{ kpisUpdated: Update }>(
      {
        query: `subscription($from: DateTime!, $to: DateTime!) { kpisUpdated(from: $from, to: $to) { position values { kpi value explain { value { value } } } } }`,
        variables: WINDOW,
      },
      { next: (message) => void (message.data ? received.push(message.data.kpisUpdated) : errors.push(message.errors)), error: (error) => void errors.push(error), complete: () => undefined },
    );
    const restore = (update: Update | undefined) => update?.values.find((value) => value.kpi === 'time_to_restore');
    try {
      // Now: impact 13:35:29.781 → resolved 14:20:00 = 2 670.219 s.
      await expectEventually(() => expect(restore(received[0])).toEqual({ kpi: 'time_to_restore', value: 2_670.219, explain: { value: { value: 2_670.219 } } }), { timeoutMs: 30_000 });

      const incidentId = `incident:pagerduty:${lifecycle()[0].event.data.id}`;
      const corrected = await api.graphql(
        `mutation($id: ID!) { correctIncidentImpact(incidentId: $id, impactEndedAt: "2021-06-04T14:00:00Z", reason: "recovered at 14:00") { appended } }`,
        { token: admin, variables: { id: incidentId } },
      );
      expect(corrected.body).toEqual({ data: { correctIncidentImpact: { appended: true } } });

      // Impact ended at 14:00: 1 470.219 s, in a later update with a later checkpoint.
      await expectEventually(() => expect(restore(received.at(-1))).toEqual({ kpi: 'time_to_restore', value: 1_470.219, explain: { value: { value: 1_470.219 } } }), {
        timeoutMs: 30_000,
        intervalMs: 100,
      });
      expect(received.at(-1)?.position).toBeGreaterThan(received[0].position);
      expect(errors).toEqual([]);
    } finally {
      stop();
    }
  });

  it.each([
    ['from not before to', KPIS, { from: WINDOW.to, to: WINDOW.from }, /from .* must be before to/],
    ['an unknown team', KPIS, { ...WINDOW, scope: { team: 'nope' } }, /unknown team "nope"/],
    [
      'an unknown KPI',
      'query S($from: DateTime!, $to: DateTime!) { kpiSeries(id: "nope", from: $from, to: $to, bucket: DAY) { bucket } }',
      WINDOW,
      /unknown KPI "nope"/,
    ],
    ['an unknown definitions version', 'query V($from: DateTime!, $to: DateTime!) { kpis(from: $from, to: $to, version: 99) { kpi } }', WINDOW, /definitions version/],
  ])('answers BAD_USER_INPUT for %s', async (_case, query, variables, message) => {
    const response = await api.graphql(query, { token: member, variables });

    expect(response.body.errors?.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0].message).toMatch(message);
  });
});
