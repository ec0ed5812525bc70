import { readCanonicalEvent, type RecordedEvent } from '@tandem/contracts';
import { buildDirectory, isDirectoryEvent } from '@tandem/directory';
import { computeKpis, KPI_IDS, metricModelOf } from '@tandem/metrics';
import { BatchProjector, catchUp, KPI_PROJECTION, KpiReadModel, ProjectionError, type BatchWrite, type ProjectionStore } from '../index';
import { appendAll, BACKENDS, FEBRUARY, februaryHistory, organizationEvents, readEverything, shuffled, tablesOf, type Backend } from '../testing/projection.harness.spec';

const ORGANIZATION = { kind: 'organization' } as const;

describe.each(BACKENDS)('the KPI projection on %s', (_name, createBackend) => {
  let backend: Backend;
  let events: RecordedEvent[];

  beforeAll(async () => {
    backend = await createBackend();
    await appendAll(backend.eventStore, [...organizationEvents(), ...februaryHistory().planned]);
    events = await readEverything(backend.eventStore);
  });

  afterAll(async () => {
    await backend?.dispose();
  });

  async function newGeneration(): Promise<number> {
    return (await backend.store.createGeneration(KPI_PROJECTION, 1)).generation;
  }

  /** Projects the store in pages of 5 with a cache of 3 events, so entities are refolded from the database too. */
  async function projectInPages(generation: number): Promise<BatchProjector> {
    const projector = new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation, position: 0, cachedEvents: 3 });
    await catchUp(backend.eventStore, projector, { pageSize: 5 });
    return projector;
  }

  it('stores each entity’s events and facts, the directory and the checkpoint, and answers the hand-computed KPIs', async () => {
    const generation = await newGeneration();
    const projector = await projectInPages(generation);
    expect(projector.position).toBe(events[events.length - 1].globalPosition);

    const tables = await tablesOf(backend.database, generation);
    expect(tables.facts.map((row) => [row.entity_key, row.kind])).toEqual([
      ['deployment:github:D1', 'deployment'],
      ['deployment:github:D2', 'deployment'],
      ['incident:pagerduty:P1', 'incident'],
      ['incident:pagerduty:P2', 'incident'],
      ['incident:pagerduty:P3', 'incident'],
      ['page:pagerduty:P1', 'page'],
      ['page:pagerduty:P2', 'page'],
      ['page:pagerduty:P3', 'page'],
      ['pull_request:github:acme/checkout:7', 'pull_request'],
    ]);
    expect(tables.entityEvents).toHaveLength(februaryHistory().planned.length);
    expect(tables.directoryEvents).toHaveLength(organizationEvents().length);
    // The facts row's revision is the last of its entity's positions.
    const p1Positions = events.filter((event) => event.streamId === 'incident-pagerduty-P1' && event.type.startsWith('Incident')).map((event) => event.globalPosition);
    expect(tables.facts.find((row) => row.entity_key === 'incident:pagerduty:P1')?.last_position).toBe(Math.max(...p1Positions));

    await backend.store.activate(KPI_PROJECTION, generation);
    const readModel = new KpiReadModel({ store: backend.store, eventStore: backend.eventStore });
    expect(await readModel.position()).toEqual({ generation, definitionsVersion: 1, position: projector.position });
    const values = await readModel.kpis({ scope: ORGANIZATION, ...FEBRUARY });
    const byId = new Map(values.map((value) => [value.kpi, value]));
    // Acknowledged after 240, 720 and 1 800 s; resolved after 2 400, 3 600 and 7 200 s.
    expect(byId.get('time_to_acknowledge')).toMatchObject({ value: 720, sampleSize: 3, version: 1, extras: { unacknowledged: 0 } });
    expect(byId.get('time_to_restore')).toMatchObject({ value: 3_600, sampleSize: 3 });
    expect(byId.get('dev_oncall_share')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(byId.get('deployment_frequency')).toMatchObject({ value: 2 });
    expect(byId.get('cross_team_review_rate')).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(values.map((value) => value.kpi)).toEqual([...KPI_IDS]);

    // The same numbers as the metrics core folding every event at once.
    const canonical = events.map((event) => readCanonicalEvent(event));
    const directory = buildDirectory(canonical.flatMap((event) => (isDirectoryEvent(event) ? [event] : [])));
    expect(values).toEqual(computeKpis(metricModelOf(canonical, directory), { directory, window: FEBRUARY, scopes: [ORGANIZATION] }));

    expect(await readModel.reviewMatrix(FEBRUARY)).toEqual({ version: 1, window: FEBRUARY, reviews: 1, cells: [{ reviewerTeam: 'sre', authorTeam: 'payments', reviews: 1 }] });
    const team = await readModel.kpis({ scope: { kind: 'team', team: 'sre' }, ...FEBRUARY });
    expect(team.find((value) => value.kpi === 'time_to_acknowledge')).toMatchObject({ value: 720, suppressed: false });
  });

  it('gives identical read models when every event is delivered twice, shuffled, in batches of any size', async () => {
    const reference = await newGeneration();
    await projectInPages(reference);

    const generation = await newGeneration();
    const projector = new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation, position: 0, cachedEvents: 2 });
    const deliveries = shuffled([...events, ...events], 42);
    for (let start = 0, size = 1; start < deliveries.length; start += size, size = (size % 7) + 1) {
      await projector.project(deliveries.slice(start, start + size));
    }
    expect(await tablesOf(backend.database, generation)).toEqual(await tablesOf(backend.database, reference));
    expect(projector.position).toBe(events[events.length - 1].globalPosition);
  });

  it('reads back only the entities it has written, in a generation it took over empty; from a checkpoint, every one it does not hold', async () => {
    const reference = await newGeneration();
    await projectInPages(reference);
    const loads: string[][] = [];
    const store: ProjectionStore = Object.assign(Object.create(backend.store) as ProjectionStore, {
      commitBatch: (projection: string, batch: BatchWrite) => {
        loads.push([...batch.keysToLoad]);
        return backend.store.commitBatch(projection, batch);
      },
    });
    const generation = await newGeneration();
    const cut = events.length - 8;

    // From checkpoint 0, with a cache of one event: what is read back is only what earlier batches wrote.
    const fresh = new BatchProjector({ store, projection: KPI_PROJECTION, generation, position: 0, cachedEvents: 1 });
    const written = new Set<string>();
    for (let start = 0; start < cut; start += 5) {
      const outcome = await fresh.project(events.slice(start, Math.min(start + 5, cut)));
      expect(loads.at(-1)?.filter((key) => !written.has(key))).toEqual([]);
      for (const key of outcome.entities) written.add(key);
    }
    expect(loads.flat().length).toBeGreaterThan(0);

    // From a checkpoint: the projector knows nothing of what is stored, so it reads every entity of its first batch.
    loads.length = 0;
    const resumed = new BatchProjector({ store, projection: KPI_PROJECTION, generation, position: fresh.position });
    const outcome = await resumed.project(events.slice(cut));
    expect(loads).toEqual([outcome.entities]);
    expect(await tablesOf(backend.database, generation)).toEqual(await tablesOf(backend.database, reference));
  });

  it('folds batches prepared ahead of their commits exactly as batches projected one by one', async () => {
    const reference = await newGeneration();
    await projectInPages(reference);
    // P1's incident events, one per batch from its first: each batch is planned on the one before.
    const p1 = events.flatMap((event, index) => (event.streamId === 'incident-pagerduty-P1' ? [index] : []));
    const cuts = [0, p1[0] + 1, p1[1] + 1, p1[2] + 1, p1[3] + 1, events.length];
    const pages = cuts.slice(1).map((end, index) => events.slice(cuts[index], end));

    // With a cache, entities are folded from what the batches before planned; with a cache of one event, read back in each transaction.
    for (const cachedEvents of [undefined, 1]) {
      const generation = await newGeneration();
      const projector = new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation, position: 0, cachedEvents });
      await projector.project(pages[0]);
      const prepared = pages.slice(1).map((page) => projector.prepare(page));
      for (const batch of prepared) await projector.commit(batch);
      expect(await tablesOf(backend.database, generation)).toEqual(await tablesOf(backend.database, reference));
    }
  });

  it('commits a batch’s rows and checkpoint together: a crash before COMMIT leaves nothing, and the next run resumes', async () => {
    const reference = await newGeneration();
    await projectInPages(reference);

    const generation = await newGeneration();
    let batches = 0;
    const crashing = new BatchProjector({
      store: backend.store,
      projection: KPI_PROJECTION,
      generation,
      position: 0,
      beforeCommit: () => {
        batches += 1;
        if (batches === 2) throw new Error('killed mid-batch');
      },
    });
    await expect(catchUp(backend.eventStore, crashing, { pageSize: 10 })).rejects.toThrow('killed mid-batch');

    // Only the first batch is there: the second batch's rows went with its checkpoint.
    const stored = (await backend.store.generations(KPI_PROJECTION)).find((info) => info.generation === generation);
    expect(stored?.position).toBe(events[9].globalPosition);
    const afterCrash = await tablesOf(backend.database, generation);
    const firstTen = new Set(events.slice(0, 10).map((event) => event.eventId));
    expect([...afterCrash.entityEvents, ...afterCrash.directoryEvents].every((row) => firstTen.has(row.event_id))).toBe(true);

    // A restarted projector starts from the stored checkpoint and ends where an uninterrupted one does.
    const restarted = new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation, position: stored?.position ?? 0 });
    await catchUp(backend.eventStore, restarted, { pageSize: 10 });
    expect(await tablesOf(backend.database, generation)).toEqual(await tablesOf(backend.database, reference));
  });

  it('builds the same read models in a rebuild with three commits in flight, entities refolded from batches not committed yet', async () => {
    const reference = await newGeneration();
    await projectInPages(reference);
    const generation = await newGeneration();
    const projector = new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation, position: 0, cachedEvents: 3 });
    await backend.store.rebuilding(() => catchUp(backend.eventStore, projector, { pageSize: 5, commitsInFlight: 3 }));

    expect(projector.position).toBe(events[events.length - 1].globalPosition);
    expect(await tablesOf(backend.database, generation)).toEqual(await tablesOf(backend.database, reference));
  });

  it('refuses a batch planned on a checkpoint another writer has moved, and writes nothing', async () => {
    const generation = await newGeneration();
    const first = new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation, position: 0 });
    const second = new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation, position: 0 });
    await first.project(events.slice(0, 5));
    const before = await tablesOf(backend.database, generation);

    const refused = second.project(events.slice(5, 10));
    await expect(refused).rejects.toBeInstanceOf(ProjectionError);
    await expect(refused).rejects.toMatchObject({ code: 'PROJECTION_CONFLICT' });
    expect(await tablesOf(backend.database, generation)).toEqual(before);
  });
});
