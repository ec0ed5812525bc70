import { buildMetricModel, computeKpi, explainKpi, factsOf, entityKeyOf, KPI_DEFINITIONS, KPI_IDS, kpiSeries } from '@tandem/metrics';
import { MetricEvents, who } from './testing/metric-events';
import { deliveredTwiceShuffled } from './testing/order-independence';
import { testDirectory } from './testing/test-organization';

describe('the public API, as a projector and the API use it', () => {
  it('refolds entities one by one, then computes, explains and charts a KPI from their facts', () => {
    const t = new MetricEvents();
    t.pageTriggered('P1', '2026-02-02T10:00:00Z');
    t.incidentDeclared('P1', '2026-02-02T10:00:00Z', { tool: 'pagerduty', serviceIds: ['PCHECKOUT'] });
    t.pageAcknowledged('P1', '2026-02-02T10:03:00Z', who.pagerduty('PCAROL'));

    // A projector stores each entity's events under its key and refolds the entity on arrival.
    const stored = new Map<string, typeof t.events>();
    for (const event of deliveredTwiceShuffled(t.events)) {
      const key = entityKeyOf(event);
      if (key !== null) stored.set(key, [...(stored.get(key) ?? []), event]);
    }
    const facts = [...stored].flatMap(([key, events]) => factsOf(key, events) ?? []);
    const model = buildMetricModel(facts, testDirectory);
    const context = { directory: testDirectory, scope: { kind: 'organization' as const }, window: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' } };

    expect(Object.keys(KPI_DEFINITIONS)).toHaveLength(KPI_IDS.length);
    expect(computeKpi('time_to_acknowledge', model, context)).toMatchObject({ value: 180, version: 1, contributors: ['incident:pagerduty:P1'] });
    expect(explainKpi('time_to_acknowledge', model, context).facts[0]).toMatchObject({ key: 'incident:pagerduty:P1', value: 180 });
    expect(kpiSeries('time_to_acknowledge', model, { ...context, granularity: 'month' }).map((point) => [point.bucket, point.value.value])).toEqual([['2026-02', 180]]);
  });
});
