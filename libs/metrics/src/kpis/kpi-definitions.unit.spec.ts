import { MetricsError } from '../metrics-error';
import { metricModelOf } from '../model/build-metric-model';
import { FEBRUARY, kpiOf, ORGANIZATION, team } from '../testing/kpi-harness';
import { MetricEvents } from '../testing/metric-events';
import { expectOrderIndependent } from '../testing/order-independence';
import { testDirectory } from '../testing/test-organization';
import { defineKpi } from './define-kpi';
import { deploymentFrequencyV1 } from './delivery/deployment-frequency';
import { computeKpi, computeKpis, KPI_DEFINITIONS, kpiDefinition, latestVersion } from './kpi-definitions';
import { KPI_IDS } from './kpi-types';

describe('KPI definitions registry', () => {
  it('has a version 1 of every KPI of metrics.md, filed under its own id and version', () => {
    expect(Object.keys(KPI_DEFINITIONS).sort()).toEqual([...KPI_IDS].sort());
    for (const id of KPI_IDS) {
      for (const [version, definition] of Object.entries(KPI_DEFINITIONS[id])) {
        expect({ id: definition.id, version: definition.version }).toEqual({ id, version: Number(version) });
      }
      expect(latestVersion(id)).toBe(1);
    }
  });

  it('stamps every value with its version, and refuses a version that does not exist', () => {
    const model = metricModelOf([], testDirectory);
    const context = { directory: testDirectory, scope: ORGANIZATION, window: FEBRUARY };
    for (const id of KPI_IDS) expect(computeKpi(id, model, context, 1)).toMatchObject({ kpi: id, version: 1 });
    expect(() => computeKpi('change_failure_rate', model, context, 2)).toThrow(MetricsError);
    expect(() => kpiDefinition('change_failure_rate', 2)).toThrow('change_failure_rate has no version 2; it has 1');
  });

  it('gives no value, never 0, to a KPI without samples', () => {
    const model = metricModelOf([], testDirectory);
    const context = { directory: testDirectory, scope: ORGANIZATION, window: FEBRUARY };
    const values = Object.fromEntries(KPI_IDS.map((id) => [id, computeKpi(id, model, context)]));
    const { error_budget_burn: budget, ...others } = values;
    for (const value of Object.values(others)) expect(value).toMatchObject({ value: null, sampleSize: 0 });
    // checkout's SLO is a sample of error_budget_burn: no incident is a real, untouched budget.
    expect(budget).toMatchObject({ value: 0, sampleSize: 1 });
  });

  it('recomputes a window under another version of a definition', () => {
    const t = new MetricEvents();
    t.deploymentFinished('D1', '2026-02-02T08:00:00Z');
    t.deploymentFinished('STAGING', '2026-02-02T09:00:00Z', { environment: 'staging', production: false });
    // A hypothetical version 2 that counts every successful deployment, production or not.
    const everyEnvironment = defineKpi({
      ...deploymentFrequencyV1,
      version: 2,
      collect: (context) => context.model.deployments.filter((deployment) => deployment.successful).map((deployment) => ({ subject: deployment, teams: [], services: [], value: null, counted: true, contributors: [deployment.key] })),
    });
    const context = { directory: testDirectory, scope: ORGANIZATION, window: FEBRUARY };

    const values = expectOrderIndependent(t.events, testDirectory, (model) => [deploymentFrequencyV1.compute(model, context), everyEnvironment.compute(model, context)]);

    expect(values).toEqual([expect.objectContaining({ version: 1, value: 1 }), expect.objectContaining({ version: 2, value: 2 })]);
  });

  it('computes many scopes at once as it computes each', () => {
    const t = new MetricEvents();
    t.deploymentFinished('D1', '2026-02-02T08:00:00Z');
    t.deploymentFinished('S1', '2026-02-03T08:00:00Z', { repository: { tool: 'github', id: 'acme/search' } });
    const scopes = [ORGANIZATION, team('payments'), team('web'), team('tiny'), { kind: 'service' as const, service: 'search' }];

    const { batch, each } = expectOrderIndependent(t.events, testDirectory, (model) => ({
      batch: computeKpis(model, { directory: testDirectory, window: FEBRUARY, scopes }),
      each: KPI_IDS.flatMap((id) => scopes.map((scope) => computeKpi(id, model, { directory: testDirectory, scope, window: FEBRUARY }))),
    }));

    expect(batch).toHaveLength(KPI_IDS.length * scopes.length);
    expect(batch).toEqual(each);
  });

  it('rejects a window that does not run forward', () => {
    expect(() => kpiOf('deployment_frequency', [], { window: { from: '2026-03-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } })).toThrow(MetricsError);
  });
});
