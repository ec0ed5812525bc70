import { KPI_IDS, type KpiScope } from '@tandem/metrics';
import { expectEventually } from '@tandem/testing';
import { BatchProjector, catchUp, KPI_PROJECTION, KpiReadModel } from '../index';
import { appendAll, BACKENDS, FEBRUARY, februaryHistory, History, organizationEvents, type Backend } from '../testing/projection.harness.spec';

const SCOPES: KpiScope[] = [
  { kind: 'organization' },
  { kind: 'team', team: 'payments' },
  { kind: 'team', team: 'sre' },
  { kind: 'team', team: 'web' },
  { kind: 'team_pair', teams: ['payments', 'sre'] },
  { kind: 'team_pair', teams: ['sre', 'payments'] },
  { kind: 'service', service: 'checkout' },
];
const WINDOWS = [
  FEBRUARY,
  { from: '2026-02-02T00:00:00.000Z', to: '2026-02-09T00:00:00.000Z' },
  { from: '2026-02-03T00:00:00.000Z', to: '2026-02-04T00:00:00.000Z' },
  { from: '2026-02-01T13:00:00.000Z', to: '2026-02-04T13:00:00.000Z' },
  { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
];
const ORGANIZATION = { kind: 'organization' } as const;

async function projectNew(backend: Backend, history: History): Promise<void> {
  await appendAll(backend.eventStore, history.planned);
  const active = (await backend.store.generations(KPI_PROJECTION)).find((generation) => generation.state === 'active')!;
  await catchUp(backend.eventStore, new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation: active.generation, position: active.position }));
}

describe.each(BACKENDS)('KpiReadModel’s kept values on %s', (_name, createBackend) => {
  let backend: Backend;

  beforeAll(async () => {
    backend = await createBackend();
    await appendAll(backend.eventStore, [...organizationEvents(), ...februaryHistory().planned]);
    const active = await backend.store.ensureActiveGeneration(KPI_PROJECTION, 1);
    await catchUp(backend.eventStore, new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation: active.generation, position: 0 }));
  });

  afterAll(async () => {
    await backend?.dispose();
  });

  it('answers every KPI, scope, window and version as the core computes it without keeping anything', async () => {
    const readModel = new KpiReadModel({ store: backend.store, eventStore: backend.eventStore });
    // Asked twice: the second round is answered from what the first kept.
    for (const round of [1, 2]) {
      for (const window of WINDOWS) {
        const batch = await readModel.kpisOfScopes({ ...window, scopes: SCOPES, version: 1 });
        expect(batch).toHaveLength(KPI_IDS.length * SCOPES.length);
        for (const scope of SCOPES) {
          const values = await readModel.kpis({ ...window, scope });
          expect(values.map((value) => value.kpi)).toEqual([...KPI_IDS]);
          for (const value of values) {
            // `explain` collects the scope's samples afresh: the uncached path.
            const uncached = (await readModel.explain({ id: value.kpi, scope, ...window })).value;
            expect({ round, value }).toEqual({ round, value: uncached });
            expect(batch).toContainEqual(uncached);
          }
        }
      }
    }
    const sampleSizes = (await readModel.kpis({ ...FEBRUARY, scope: ORGANIZATION })).map((value) => value.sampleSize);
    // Not a model of nothing: the checks above compared real values.
    expect(sampleSizes.some((size) => size > 0)).toBe(true);
  });

  it('charts each week as the core computes that week', async () => {
    const readModel = new KpiReadModel({ store: backend.store, eventStore: backend.eventStore });
    for (const scope of SCOPES) {
      for (const id of KPI_IDS) {
        const series = await readModel.kpiSeries({ id, scope, ...FEBRUARY, bucket: 'week' });
        expect(series.map((point) => point.bucket)).toEqual(['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23']);
        for (const point of series) expect(point.value).toEqual((await readModel.explain({ id, scope, ...point.value.window })).value);
      }
    }
  });

  it("pages each service's incidents as the incident list in the service's scope", async () => {
    const readModel = new KpiReadModel({ store: backend.store, eventStore: backend.eventStore });
    // Every incident of the history is checkout's.
    const all = await readModel.incidents({ ...FEBRUARY, first: 10 });
    expect(all.totalCount).toBeGreaterThan(2);
    const [first, none, whole] = await readModel.serviceIncidents({
      ...FEBRUARY,
      pages: [
        { service: 'checkout', first: 2 },
        { service: 'no-such-service', first: 5 },
        { service: 'checkout', first: 10 },
      ],
    });
    expect(whole).toEqual(all);
    expect(first).toEqual(await readModel.incidents({ ...FEBRUARY, first: 2 }));
    expect(none).toEqual({ items: [], totalCount: 0, endCursor: null, hasNextPage: false });
    const [rest] = await readModel.serviceIncidents({ ...FEBRUARY, pages: [{ service: 'checkout', first: 10, after: first.endCursor ?? undefined }] });
    expect(rest.items.map((item) => item.key)).toEqual(all.items.slice(2).map((item) => item.key));
    await expect(readModel.serviceIncidents({ ...FEBRUARY, pages: [{ service: 'checkout', first: 0 }] })).rejects.toMatchObject({ code: 'PROJECTION_INVALID_PAGE' });
  });

  it('answers the new values once the checkpoint moved (no staleness by default)', async () => {
    const readModel = new KpiReadModel({ store: backend.store, eventStore: backend.eventStore });
    const timeToAcknowledge = async () => (await readModel.kpis({ ...FEBRUARY, scope: ORGANIZATION })).find((value) => value.kpi === 'time_to_acknowledge');
    const before = await timeToAcknowledge();
    // Acknowledged after 60 s: the median of 60, 240, 720, 1 800 s moves.
    await projectNew(backend, new History('cache-test-moved').pagerdutyIncident('P7', '2026-02-10T10:00:00Z', '2026-02-10T10:01:00Z', 'PGINA', '2026-02-10T10:30:00Z'));

    const after = await timeToAcknowledge();
    expect(after?.sampleSize).toBe((before?.sampleSize ?? 0) + 1);
    expect(after).toEqual((await readModel.explain({ id: 'time_to_acknowledge', scope: ORGANIZATION, ...FEBRUARY })).value);
  });

  it('within maxStalenessMs answers from the previous checkpoint, then from the new one', async () => {
    const readModel = new KpiReadModel({ store: backend.store, eventStore: backend.eventStore, maxStalenessMs: 4_000 });
    const timeToRestore = async () => (await readModel.kpis({ ...FEBRUARY, scope: ORGANIZATION })).find((value) => value.kpi === 'time_to_restore');
    const before = await timeToRestore();
    await projectNew(backend, new History('cache-test-stale').pagerdutyIncident('P8', '2026-02-11T10:00:00Z', '2026-02-11T10:01:00Z', 'PGINA', '2026-02-11T10:05:00Z'));

    // Read within half the bound: the checkpoint is not even read again.
    expect(await timeToRestore()).toEqual(before);
    await expectEventually(async () => expect((await timeToRestore())?.sampleSize).toBe((before?.sampleSize ?? 0) + 1), { timeoutMs: 20_000, intervalMs: 100 });
    expect(await timeToRestore()).toEqual((await readModel.explain({ id: 'time_to_restore', scope: ORGANIZATION, ...FEBRUARY })).value);
  });
});
