import type { RecordedEvent } from '@tandem/contracts';
import { BatchProjector, catchUp, KPI_PROJECTION, KpiReadModel } from '../index';
import { appendAll, BACKENDS, FEBRUARY, februaryHistory, History, organizationEvents, readEverything, shuffled, tablesOf, type Backend } from '../testing/projection.harness.spec';

const ORGANIZATION = { kind: 'organization' } as const;
const BY = { identity: { tool: 'tandem', id: 'token-1', name: 'admin API token' } };

/**
 * Corrections a person made in March, through the API, on top of February's history
 * (projection.harness.spec: P1 10:00 → 10:40, P2 09:00 → 10:00, P3 12:00 → 14:00; D1 finished
 * 2 Feb 09:00, D2 5 Feb 09:00):
 * - P2's impact ended at 09:30, not at the 10:00 resolve: restored after 1 800 s, not 3 600;
 * - P1 was not change-caused: it no longer links to D1 (P2 still does, D1 finished exactly 24 h
 *   before P2's impact start, both bounds included);
 * - P3 was caused by D2, named by hand (no deployment finished within 24 h before it).
 */
function corrections(): History {
  const incident = (id: string) => ({ tool: 'pagerduty', incidentId: id, correctedBy: BY });
  return new History('projection-test-corrections')
    .add('incident-pagerduty-P2', 'IncidentImpactCorrected', { ...incident('P2'), impactEndedAt: '2026-02-03T09:30:00Z', note: 'failover at 09:30' }, '2026-03-02T08:00:00Z')
    .add('incident-pagerduty-P1', 'IncidentMarkedNotChangeCaused', { ...incident('P1'), note: 'certificate expired' }, '2026-03-02T08:01:00Z')
    .add('incident-pagerduty-P3', 'IncidentLinkedToDeployment', { ...incident('P3'), deployment: { tool: 'github', id: 'D2' }, note: 'D2 shipped early to canary' }, '2026-03-02T08:02:00Z');
}

describe.each(BACKENDS)('corrections in the KPI projection on %s', (_name, createBackend) => {
  let backend: Backend;
  let events: RecordedEvent[];

  beforeAll(async () => {
    backend = await createBackend();
    await appendAll(backend.eventStore, [...organizationEvents(), ...februaryHistory().planned, ...corrections().planned]);
    events = await readEverything(backend.eventStore);
  });

  afterAll(async () => {
    await backend?.dispose();
  });

  /** What the API would answer from a generation: every KPI, the change failure rate explained, the incident list. */
  async function answersOf(generation: number) {
    await backend.store.activate(KPI_PROJECTION, generation);
    const readModel = new KpiReadModel({ store: backend.store, eventStore: backend.eventStore });
    return {
      kpis: await readModel.kpis({ scope: ORGANIZATION, ...FEBRUARY }),
      changeFailures: await readModel.explain({ id: 'change_failure_rate', scope: ORGANIZATION, ...FEBRUARY }),
      restores: await readModel.explain({ id: 'time_to_restore', scope: ORGANIZATION, ...FEBRUARY }),
      incidents: await readModel.incidents({ ...FEBRUARY, first: 10 }),
    };
  }

  it('follows the corrections, and gives identical read models when every event is delivered twice, shuffled', async () => {
    const reference = (await backend.store.createGeneration(KPI_PROJECTION, 1)).generation;
    await catchUp(backend.eventStore, new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation: reference, position: 0 }), { pageSize: 4 });

    const twice = (await backend.store.createGeneration(KPI_PROJECTION, 1)).generation;
    const projector = new BatchProjector({ store: backend.store, projection: KPI_PROJECTION, generation: twice, position: 0, cachedEvents: 2 });
    const deliveries = shuffled([...events, ...events], 7);
    for (let start = 0, size = 1; start < deliveries.length; start += size, size = (size % 5) + 1) await projector.project(deliveries.slice(start, start + size));

    expect(await tablesOf(backend.database, twice)).toEqual(await tablesOf(backend.database, reference));
    const answers = await answersOf(reference);
    expect(await answersOf(twice)).toEqual(answers);

    const byId = new Map(answers.kpis.map((value) => [value.kpi, value]));
    // Restored after 2 400 (P1), 1 800 (P2, corrected) and 7 200 s (P3): median 2 400 (3 600 without the correction).
    expect(byId.get('time_to_restore')).toMatchObject({ value: 2_400, sampleSize: 3, mean: 3_800 });
    expect(answers.restores.facts.find((fact) => fact.key === 'incident:pagerduty:P2')).toMatchObject({ value: 1_800, details: { correctedImpactEnd: '2026-02-03T09:30:00.000Z' } });
    // D1 failed through P2, D2 through P3 (named by hand): 2 of 2 (1 of 2 without the corrections, never above 1).
    expect(byId.get('change_failure_rate')).toMatchObject({ value: 1, numerator: 2, denominator: 2 });
    expect(answers.changeFailures.facts.map((fact) => [fact.key, fact.counted, fact.links])).toEqual([
      ['deployment:github:D1', true, [{ to: 'incident:pagerduty:P2', relation: 'caused', rule: 'same_service_window', evidence: 'same_service_window' }]],
      ['deployment:github:D2', true, [{ to: 'incident:pagerduty:P3', relation: 'caused', rule: 'explicit', evidence: 'named_deployment' }]],
    ]);
    expect(answers.incidents.items.map((item) => [item.id, item.linkRule])).toEqual([
      ['P1', 'none'],
      ['P2', 'same_service_window'],
      ['P3', 'explicit'],
    ]);
  });
});
