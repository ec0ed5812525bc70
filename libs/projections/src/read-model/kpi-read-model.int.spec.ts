import { Registry } from 'prom-client';
import { BatchProjector, catchUp, KPI_PROJECTION, KpiGauges, KpiReadModel } from '../index';
import { appendAll, BACKENDS, FEBRUARY, februaryHistory, History, organizationEvents, readEverything, shuffled, tablesOf, type Backend } from '../testing/projection.harness.spec';

const ORGANIZATION = { kind: 'organization' } as const;

/** P4, told to Tandem late: it happened on 6 February, it is recorded now. Acknowledged after 120 s, resolved after 600 s. */
function lateIncident() {
  return new History('projection-test-late').pagerdutyIncident('P4', '2026-02-06T10:00:00Z', '2026-02-06T10:02:00Z', 'PGINA', '2026-02-06T10:10:00Z').planned;
}

/** Waits (polling, no fixed sleep) until the clock is past every recorded event, and answers that instant. */
async function instantAfterEverything(backend: Backend): Promise<string> {
  const events = await readEverything(backend.eventStore);
  const last = Math.max(...events.map((event) => Date.parse(event.recordedAt)));
  while (Date.now() <= last) await new Promise((resolve) => setImmediate(resolve));
  return new Date().toISOString();
}

describe.each(BACKENDS)('KpiReadModel on %s', (_name, createBackend) => {
  let backend: Backend;
  let readModel: KpiReadModel;
  let asOf: string;
  /** The active generation, projected from every event delivered twice, shuffled; and one projected once, in order. */
  let generations: { twiceShuffled: number; inOrder: number };

  beforeAll(async () => {
    backend = await createBackend();
    await appendAll(backend.eventStore, [...organizationEvents(), ...februaryHistory().planned]);
    asOf = await instantAfterEverything(backend);
    await appendAll(backend.eventStore, lateIncident());
    const active = await backend.store.ensureActiveGeneration(KPI_PROJECTION, 1);
    // At-least-once and out of order: every event delivered twice, shuffled, in batches of 1 … 6.
    const events = await readEverything(backend.eventStore);
    const projector = new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation: active.generation, position: 0 });
    const deliveries = shuffled([...events, ...events], 11);
    for (let start = 0, size = 1; start < deliveries.length; start += size, size = (size % 6) + 1) await projector.project(deliveries.slice(start, start + size));
    generations = { twiceShuffled: active.generation, inOrder: (await backend.store.createGeneration(KPI_PROJECTION, 1)).generation };
    await catchUp(backend.eventStore, new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation: generations.inOrder, position: 0 }));
    readModel = new KpiReadModel({ store: backend.store, eventStore: backend.eventStore });
  });

  afterAll(async () => {
    await backend?.dispose();
  });

  const valueOf = async (kpi: string, query: { asOf?: string } = {}) => (await readModel.kpis({ scope: ORGANIZATION, ...FEBRUARY, ...query })).find((value) => value.kpi === kpi);

  it('keeps the same read models whether each event came twice, shuffled, or once in order', async () => {
    expect(await tablesOf(backend.database, generations.twiceShuffled)).toEqual(await tablesOf(backend.database, generations.inOrder));
  });

  it('counts a late-recorded event today, but not as of an instant before it was recorded', async () => {
    // Today: 120, 240, 720, 1 800 s → median 480; restored after 600, 2 400, 3 600, 7 200 s → median 3 000.
    expect(await valueOf('time_to_acknowledge')).toMatchObject({ value: 480, sampleSize: 4 });
    expect(await valueOf('time_to_restore')).toMatchObject({ value: 3_000, sampleSize: 4 });
    // As of before P4 was recorded: what Tandem said then.
    expect(await valueOf('time_to_acknowledge', { asOf })).toMatchObject({ value: 720, sampleSize: 3 });
    expect(await valueOf('time_to_restore', { asOf })).toMatchObject({ value: 3_600, sampleSize: 3 });
    const explained = await readModel.explain({ id: 'time_to_restore', scope: ORGANIZATION, ...FEBRUARY, asOf });
    expect(explained.facts.map((fact) => fact.key)).toEqual(['incident:pagerduty:P1', 'incident:pagerduty:P2', 'incident:pagerduty:P3']);
  });

  it('lists the window’s incidents earliest first with milestones and links, a page at a time', async () => {
    const first = await readModel.incidents({ ...FEBRUARY, first: 3 });
    expect(first).toMatchObject({ totalCount: 4, hasNextPage: true, endCursor: 'incident:pagerduty:P3' });
    expect(first.items.map((item) => item.id)).toEqual(['P1', 'P2', 'P3']);
    expect(first.items[0]).toMatchObject({
      key: 'incident:pagerduty:P1',
      tool: 'pagerduty',
      services: ['checkout'],
      teams: ['payments', 'sre'],
      milestones: { impactStart: '2026-02-02T10:00:00.000Z', triggered: '2026-02-02T10:00:00.000Z', acknowledged: '2026-02-02T10:04:00.000Z', resolved: '2026-02-02T10:40:00.000Z' },
      // D1 finished at 09:00 on checkout, within a day before the impact: rule 2 links them.
      linkRule: 'same_service_window',
      links: [{ to: 'deployment:github:D1', relation: 'caused_by', rule: 'same_service_window' }],
    });
    const second = await readModel.incidents({ ...FEBRUARY, first: 3, after: first.endCursor ?? undefined });
    expect(second).toMatchObject({ totalCount: 4, hasNextPage: false, endCursor: 'incident:pagerduty:P4' });
    expect((await readModel.incidents({ ...FEBRUARY, first: 10, team: 'web' })).items).toEqual([]);
    await expect(readModel.incidents({ ...FEBRUARY, first: 0 })).rejects.toMatchObject({ code: 'PROJECTION_INVALID_PAGE' });
  });

  it('charts a KPI per week and explains it from the same model', async () => {
    const series = await readModel.kpiSeries({ id: 'time_to_acknowledge', scope: ORGANIZATION, ...FEBRUARY, bucket: 'week' });
    expect(series.map((point) => [point.bucket, point.value.value])).toEqual([
      ['2026-01-26', null],
      ['2026-02-02', 480],
      ['2026-02-09', null],
      ['2026-02-16', null],
      ['2026-02-23', null],
    ]);
    const explained = await readModel.explain({ id: 'time_to_acknowledge', scope: ORGANIZATION, ...FEBRUARY });
    expect(explained).toMatchObject({ sampleSize: 4, value: { value: 480, version: 1 } });
    await expect(readModel.kpiSeries({ id: 'time_to_acknowledge', scope: ORGANIZATION, ...FEBRUARY, bucket: 'week', version: 9 })).rejects.toMatchObject({
      code: 'METRICS_UNKNOWN_KPI_VERSION',
    });
  });

  it('exposes the current week’s organisation and team KPIs as Prometheus gauges', async () => {
    const registry = new Registry();
    new KpiGauges(registry, readModel, { now: () => Date.parse('2026-02-04T00:00:00Z') });
    const text = await registry.metrics();
    expect(text).toContain('tandem_kpi_value{kpi="time_to_acknowledge",team="",version="1"} 480');
    expect(text).toContain('tandem_kpi_value{kpi="time_to_acknowledge",team="sre",version="1"} 480');
    // Web has no incident: no sample rather than 0.
    expect(text).not.toContain('kpi="time_to_acknowledge",team="web"');
  });
});
