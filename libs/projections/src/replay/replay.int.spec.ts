import { createLogger } from '@tandem/observability';
import { expectEventually } from '@tandem/testing';
import { InMemoryProjectionUpdates, KPI_PROJECTION, KpiReadModel, ProjectionRunner, replayGeneration, type KpisUpdated, type ProjectionPosition } from '../index';
import { appendAll, BACKENDS, FEBRUARY, februaryHistory, History, organizationEvents, tablesOf, type Backend } from '../testing/projection.harness.spec';

const ORGANIZATION = { kind: 'organization' } as const;
const logger = createLogger({ service: 'projections-test', level: 'silent' });

describe.each(BACKENDS)('the live projector and a replay on %s', (_name, createBackend) => {
  let backend: Backend;
  let runner: ProjectionRunner;
  let readModel: KpiReadModel;
  const updates = new InMemoryProjectionUpdates();
  const published: KpisUpdated[] = [];

  beforeAll(async () => {
    backend = await createBackend();
    updates.subscribe((update) => published.push(update));
    runner = new ProjectionRunner({ eventStore: backend.eventStore, store: backend.store, updates, logger, pageSize: 4 });
    readModel = new KpiReadModel({ store: backend.store, eventStore: backend.eventStore });
    runner.start();
  });

  afterAll(async () => {
    await runner?.stop();
    await backend?.dispose();
  });

  const valuesNow = () => readModel.kpis({ scope: ORGANIZATION, ...FEBRUARY });
  const caughtUp = async (): Promise<ProjectionPosition> => {
    const head = await backend.eventStore.headPosition();
    let position: ProjectionPosition | undefined;
    await expectEventually(async () => {
      position = await readModel.position();
      expect(position.position).toBe(head);
    }, { timeoutMs: 15_000 });
    return position as ProjectionPosition;
  };

  it('follows appends live and tells subscribers which entities changed at which position', async () => {
    await appendAll(backend.eventStore, [...organizationEvents(), ...februaryHistory().planned]);
    const { position, generation } = await caughtUp();
    expect(generation).toBe(1);
    expect(published.at(-1)).toMatchObject({ projection: KPI_PROJECTION, generation: 1, position });
    expect(new Set(published.flatMap((update) => update.entities))).toEqual(
      new Set(['incident:pagerduty:P1', 'incident:pagerduty:P2', 'incident:pagerduty:P3', 'page:pagerduty:P1', 'page:pagerduty:P2', 'page:pagerduty:P3', 'deployment:github:D1', 'deployment:github:D2', 'pull_request:github:acme/checkout:7']),
    );
    expect((await valuesNow()).find((value) => value.kpi === 'time_to_acknowledge')).toMatchObject({ value: 720 });
  });

  it('answers from the old generation during a replay, from the new one after the swap, with the same numbers', async () => {
    const before = await caughtUp();
    const valuesBefore = await valuesNow();
    const duringReplay: Promise<ProjectionPosition>[] = [];
    let valuesBeforeSwap: Awaited<ReturnType<typeof valuesNow>> = [];

    const result = await replayGeneration({
      eventStore: backend.eventStore,
      store: backend.store,
      definitionsVersion: 1,
      pageSize: 3,
      onProgress: () => void duringReplay.push(readModel.position()),
      beforeSwap: async () => {
        valuesBeforeSwap = await valuesNow();
        duringReplay.push(readModel.position());
      },
    });

    expect(result).toMatchObject({ generation: 2, definitionsVersion: 1, retired: [1], position: before.position });
    for (const position of await Promise.all(duringReplay)) expect(position.generation).toBe(1);
    expect(valuesBeforeSwap).toEqual(valuesBefore);
    expect(await readModel.position()).toMatchObject({ generation: 2, definitionsVersion: 1 });
    expect(await valuesNow()).toEqual(valuesBefore);
    // The old generation is gone; its row stays as history.
    expect(await tablesOf(backend.database, 1)).toEqual({ entityEvents: [], facts: [], directoryEvents: [] });
    expect((await backend.store.generations(KPI_PROJECTION)).map((generation) => [generation.generation, generation.state])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);

    // The live projector moves to the new generation and keeps it current.
    await appendAll(backend.eventStore, new History('projection-test-after-replay').pagerdutyIncident('P4', '2026-02-06T10:00:00Z', '2026-02-06T10:02:00Z', 'PGINA', '2026-02-06T10:10:00Z').planned);
    expect(await caughtUp()).toMatchObject({ generation: 2 });
    expect((await valuesNow()).find((value) => value.kpi === 'time_to_acknowledge')).toMatchObject({ value: 480, sampleSize: 4 });
  });

  it('refuses definitions no KPI has, before building anything', async () => {
    const generations = await backend.store.generations(KPI_PROJECTION);
    await expect(replayGeneration({ eventStore: backend.eventStore, store: backend.store, definitionsVersion: 2 })).rejects.toMatchObject({ code: 'PROJECTION_UNKNOWN_DEFINITIONS' });
    expect(await backend.store.generations(KPI_PROJECTION)).toEqual(generations);
  });
});
