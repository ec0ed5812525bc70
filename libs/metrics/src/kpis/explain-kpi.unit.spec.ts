import { FEBRUARY, ORGANIZATION, team } from '../testing/kpi-harness';
import { MetricEvents } from '../testing/metric-events';
import { expectOrderIndependent } from '../testing/order-independence';
import { testDirectory } from '../testing/test-organization';
import { explainKpi } from './explain-kpi';

describe('explainKpi', () => {
  it('shows the facts behind a change failure rate: deployments, their incidents, the linking rule and the events', () => {
    const t = new MetricEvents();
    const d1 = t.deploymentFinished('D1', '2026-02-02T08:00:00Z');
    t.deploymentFinished('D2', '2026-02-03T08:00:00Z', { repository: { tool: 'github', id: 'acme/search' } });
    const declared = t.incidentDeclared('INC', '2026-02-02T09:00:00Z', { serviceIds: ['checkout-io'] });
    const resolved = t.incidentResolved('INC', '2026-02-02T09:30:00Z');

    const explanation = expectOrderIndependent(t.events, testDirectory, (model) =>
      explainKpi('change_failure_rate', model, { directory: testDirectory, scope: ORGANIZATION, window: FEBRUARY }),
    );

    expect(explanation).toMatchObject({ sampleSize: 2, numerator: 1, denominator: 2, aggregation: 'samples counted ÷ samples', value: { value: 0.5, version: 1 } });
    expect(explanation.definition).toContain('rollback/revert');
    expect(explanation.facts).toEqual([
      {
        key: 'deployment:github:D1',
        kind: 'deployment',
        counted: true,
        value: null,
        teams: ['payments', 'sre'],
        services: ['checkout'],
        times: { finishedAt: '2026-02-02T08:00:00.000Z' },
        details: { service: 'checkout', environment: 'production', production: true, successful: true, rollback: false, sha: 'sha-d1000000' },
        links: [{ to: 'incident:incidentio:INC', relation: 'caused', rule: 'same_service_window', evidence: 'same_service_window' }],
        eventIds: [d1.eventId, declared.eventId, resolved.eventId].sort(),
      },
      expect.objectContaining({ key: 'deployment:github:D2', counted: false, teams: ['web'], links: [] }),
    ]);
  });

  it('shows an incident’s milestones for a duration, and nothing for a suppressed value', () => {
    const t = new MetricEvents();
    t.pageTriggered('P1', '2026-02-02T10:00:00Z');
    t.incidentDeclared('P1', '2026-02-02T10:01:00Z', { tool: 'pagerduty', serviceIds: ['PCHECKOUT'] });
    t.incidentResolved('P1', '2026-02-02T10:41:00Z', 'pagerduty');

    const explanation = expectOrderIndependent(t.events, testDirectory, (model) => ({
      restore: explainKpi('time_to_restore', model, { directory: testDirectory, scope: ORGANIZATION, window: FEBRUARY }),
      tiny: explainKpi('time_to_restore', model, { directory: testDirectory, scope: team('tiny'), window: FEBRUARY }),
    }));

    expect(explanation.restore.facts).toEqual([
      expect.objectContaining({
        key: 'incident:pagerduty:P1',
        value: 2_460,
        times: { impactStart: '2026-02-02T10:00:00.000Z', triggered: '2026-02-02T10:00:00.000Z', acknowledged: null, mitigated: null, resolved: '2026-02-02T10:41:00.000Z' },
        details: expect.objectContaining({ impactStartSource: 'alert', linkRule: 'none' }),
      }),
    ]);
    expect(explanation.restore.aggregation).toContain('PERCENTILE_CONT(0.5)');
    expect(explanation.tiny).toMatchObject({ value: { suppressed: true }, facts: [] });
  });
});
