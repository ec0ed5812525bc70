import { MetricEvents, who } from '../../testing/metric-events';
import { kpiOf, team } from '../../testing/kpi-harness';

/** Incidents of checkout resolved in February, with the people who took part. */
function participationScenario(): MetricEvents {
  const t = new MetricEvents();
  // P1 (SEV2): paged at 10:00, dave (payments, Dev) acknowledges at 10:06 → Dev took part after 360 s.
  t.pageTriggered('P1', '2026-02-02T10:00:00Z', { severity: 'SEVERITY_SEV2' });
  t.incidentDeclared('P1', '2026-02-02T10:00:00Z', { tool: 'pagerduty', serviceIds: ['PCHECKOUT'], severity: 'SEVERITY_SEV2' });
  t.pageAcknowledged('P1', '2026-02-02T10:06:00Z', who.pagerduty('PDAVE'));
  t.incidentResolved('P1', '2026-02-02T11:00:00Z', 'pagerduty');
  // P2 (SEV3): only the Ops side (carol leads, frank acknowledges).
  t.incidentDeclared('P2', '2026-02-03T10:00:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV3' });
  t.incidentRoleAssigned('P2', '2026-02-03T10:01:00Z', who.slack('UCAROL'));
  t.incidentAcknowledged('P2', '2026-02-03T10:02:00Z', who.slack('UFRANK'));
  t.incidentResolved('P2', '2026-02-03T11:00:00Z');
  // P3 (SEV1): alice posts in the incident channel at 10:15 (900 s); she is in payments until 1 March.
  t.incidentDeclared('P3', '2026-02-10T10:00:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV1', channel: { tool: 'slack', id: 'CP3' } });
  t.messagePosted('CP3', 'm1', '2026-02-10T10:15:00Z', who.slack('UALICE'));
  t.incidentResolved('P3', '2026-02-10T12:00:00Z');
  // P5 (SEV4): erin (Dev) takes a role at 10:30 (1 800 s) — below SEV3, so only time_to_engage_dev reads it.
  t.incidentDeclared('P5', '2026-02-12T10:00:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV4' });
  t.incidentRoleAssigned('P5', '2026-02-12T10:30:00Z', who.slack('UERIN'), 'INCIDENT_ROLE_OPERATIONS');
  t.incidentResolved('P5', '2026-02-12T11:00:00Z');
  // P6 (SEV2): erin is asked to help but declines.
  t.pageTriggered('P6', '2026-02-13T10:00:00Z', { severity: 'SEVERITY_SEV2' });
  t.incidentDeclared('P6', '2026-02-13T10:00:00Z', { tool: 'pagerduty', serviceIds: ['PCHECKOUT'], severity: 'SEVERITY_SEV2' });
  t.responderAdded('P6', '2026-02-13T10:05:00Z', who.pagerduty('PERIN'));
  t.responderReplied('P6', '2026-02-13T10:06:00Z', who.pagerduty('PERIN'), false);
  t.incidentResolved('P6', '2026-02-13T11:00:00Z', 'pagerduty');
  // P7 (SEV2): only dependabot, a bot registered in payments, acknowledged.
  t.pageTriggered('P7', '2026-02-14T10:00:00Z', { severity: 'SEVERITY_SEV2' });
  t.incidentDeclared('P7', '2026-02-14T10:00:00Z', { tool: 'pagerduty', serviceIds: ['PCHECKOUT'], severity: 'SEVERITY_SEV2' });
  t.pageAcknowledged('P7', '2026-02-14T10:01:00Z', who.pagerduty('PBOT'));
  t.incidentResolved('P7', '2026-02-14T11:00:00Z', 'pagerduty');
  // P8: severity unknown, left out of participation. P9 (SEV2): Dev posted only before it was triggered.
  t.incidentDeclared('P8', '2026-02-15T10:00:00Z', { serviceIds: ['checkout-io'] });
  t.incidentResolved('P8', '2026-02-15T11:00:00Z');
  t.incidentDeclared('P9', '2026-02-16T10:00:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV2', channel: { tool: 'slack', id: 'CP9' } });
  t.messagePosted('CP9', 'm9', '2026-02-16T09:00:00Z', who.slack('UDAVE'));
  t.incidentResolved('P9', '2026-02-16T11:00:00Z');
  // P10 (SEV2), in March: alice acknowledges, now in sre (Ops side).
  t.incidentDeclared('P10', '2026-03-03T10:00:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV2' });
  t.incidentAcknowledged('P10', '2026-03-03T10:05:00Z', who.slack('UALICE'));
  t.incidentResolved('P10', '2026-03-03T11:00:00Z');
  return t;
}

describe('dev_incident_participation', () => {
  it('shares the incidents at or above SEV3 where a Dev-side person took part', () => {
    const value = kpiOf('dev_incident_participation', participationScenario().events);

    // At or above SEV3 and resolved in February: P1, P2, P3, P6, P7, P9 = 6; Dev took part in P1 and P3 = 2.
    expect(value).toMatchObject({ value: 2 / 6, numerator: 2, denominator: 6, unit: 'ratio' });
  });

  it('attributes a person who changed teams by the time of the act', () => {
    const value = kpiOf('dev_incident_participation', participationScenario().events, { window: { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' } });

    // In March alice is on the Ops side: P10 had no Dev participation.
    expect(value).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
  });
});

describe('time_to_engage_dev', () => {
  it('measures triggered → first Dev-side participation, at any severity', () => {
    const value = kpiOf('time_to_engage_dev', participationScenario().events);

    // P1 360 s, P3 900 s, P5 1 800 s: median 900; p90 at rank 1.8: 900 + 0.8 × 900 = 1 620; mean 3 060 / 3 = 1 020.
    expect(value).toMatchObject({ value: 900, sampleSize: 3, mean: 1_020 });
    expect(value.p90).toBeCloseTo(1_620, 6);
  });
});

describe('dev_oncall_share', () => {
  it('shares the pages whose first acknowledgement by a person was by the Dev side', () => {
    const t = new MetricEvents();
    t.pageTriggered('A', '2026-02-02T10:00:00Z');
    t.pageAcknowledged('A', '2026-02-02T10:01:00Z', who.pagerduty('PDAVE'));
    t.pageTriggered('B', '2026-02-03T10:00:00Z');
    t.pageAcknowledged('B', '2026-02-03T10:01:00Z', who.pagerduty('PCAROL'));
    t.pageAcknowledged('B', '2026-02-03T10:02:00Z', who.pagerduty('PDAVE'));
    // Automation first, then bob (Dev): bob's counts.
    t.pageTriggered('C', '2026-02-04T10:00:00Z');
    t.pageAcknowledged('C', '2026-02-04T10:01:00Z');
    t.pageAcknowledged('C', '2026-02-04T10:03:00Z', who.pagerduty('PBOB'));
    // Only a bot: not acknowledged. Acknowledged after the window: not in it.
    t.pageTriggered('D', '2026-02-05T10:00:00Z');
    t.pageAcknowledged('D', '2026-02-05T10:01:00Z', who.pagerduty('PBOT'));
    t.pageTriggered('E', '2026-02-28T23:59:00Z');
    t.pageAcknowledged('E', '2026-03-01T00:01:00Z', who.pagerduty('PDAVE'));
    // alice is still in payments on 27 February.
    t.pageTriggered('F', '2026-02-27T10:00:00Z');
    t.pageAcknowledged('F', '2026-02-27T10:01:00Z', who.pagerduty('PALICE'));

    // Acknowledged in February: A, B, C, F = 4; by Dev: A, C, F = 3.
    expect(kpiOf('dev_oncall_share', t.events)).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
    // The pages are checkout's: web (bob's team) has none of them.
    expect(kpiOf('dev_oncall_share', t.events, { scope: team('web') })).toMatchObject({ value: null, sampleSize: 0 });
  });
});

describe('out_of_hours_pages', () => {
  it('counts pages first notified outside the acknowledger’s working hours', () => {
    const t = new MetricEvents();
    // Default hours Mon–Fri 09:00–18:00 in the organisation's zone (UTC).
    t.pageTriggered('A', '2026-02-02T08:00:00Z'); // Monday 08:00: out
    t.pageAcknowledged('A', '2026-02-02T08:10:00Z', who.pagerduty('PDAVE'));
    t.pageTriggered('B', '2026-02-03T10:00:00Z'); // Tuesday 10:00: in
    t.pageAcknowledged('B', '2026-02-03T10:10:00Z', who.pagerduty('PDAVE'));
    t.pageTriggered('C', '2026-02-07T12:00:00Z'); // Saturday: out
    t.pageAcknowledged('C', '2026-02-07T12:10:00Z', who.pagerduty('PERIN'));
    // Triggered at 17:50 but first notified at 18:05 (after an escalation delay): out.
    t.pageTriggered('D', '2026-02-04T17:50:00Z', { firstNotifiedAt: '2026-02-04T18:05:00Z' });
    t.pageAcknowledged('D', '2026-02-04T18:10:00Z', who.pagerduty('PDAVE'));
    t.pageTriggered('E', '2026-02-05T08:55:00Z', { firstNotifiedAt: '2026-02-05T09:00:00Z' }); // in
    t.pageAcknowledged('E', '2026-02-05T09:05:00Z', who.pagerduty('PDAVE'));
    // frank works 09:00–17:00 New York time: 13:30 UTC is 08:30 there, out for him.
    t.pageTriggered('F', '2026-02-03T13:30:00Z');
    t.pageAcknowledged('F', '2026-02-03T13:40:00Z', who.pagerduty('PFRANK'));
    // A search page frank acknowledges on Sunday night: search's team (web) and frank's (sre).
    t.pageTriggered('G', '2026-02-08T03:00:00Z', { pagingServiceId: 'PSEARCH' });
    t.pageAcknowledged('G', '2026-02-08T03:10:00Z', who.pagerduty('PFRANK'));

    // Out of hours: A, C, D, F, G = 5 of 7 acknowledged pages.
    expect(kpiOf('out_of_hours_pages', t.events)).toMatchObject({ value: 5, sampleSize: 7, unit: 'count' });
    expect(kpiOf('out_of_hours_pages', t.events, { scope: team('payments') })).toMatchObject({ value: 4, sampleSize: 6 });
    expect(kpiOf('out_of_hours_pages', t.events, { scope: team('sre') })).toMatchObject({ value: 5, sampleSize: 7 });
    expect(kpiOf('out_of_hours_pages', t.events, { scope: team('web') })).toMatchObject({ value: 1, sampleSize: 1 });
  });
});
