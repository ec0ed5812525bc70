import { MetricEvents, who } from '../../testing/metric-events';
import { kpiOf, team } from '../../testing/kpi-harness';

describe('time_to_acknowledge', () => {
  it('measures triggered → first acknowledgement by a person, and counts the unacknowledged apart', () => {
    const t = new MetricEvents();
    // I1: a bot acknowledges at 10:01, carol at 10:04 → 240 s.
    t.pageTriggered('I1', '2026-02-02T10:00:00Z');
    t.pageAcknowledged('I1', '2026-02-02T10:01:00Z', who.pagerduty('PBOT'));
    t.pageAcknowledged('I1', '2026-02-02T10:04:00Z', who.pagerduty('PCAROL'));
    // I2: declared at 10:00, but its page fired at 09:58 (triggered = the first of both); frank at 10:10 → 720 s.
    t.incidentDeclared('I2', '2026-02-03T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.pageTriggered('PAGE-I2', '2026-02-03T09:58:00Z', { incident: { tool: 'incidentio', id: 'I2' } });
    t.incidentAcknowledged('I2', '2026-02-03T10:10:00Z', who.slack('UFRANK'));
    // I3: only automation acknowledged (no agent); I4: nobody → both unacknowledged.
    t.pageTriggered('I3', '2026-02-04T10:00:00Z');
    t.pageAcknowledged('I3', '2026-02-04T10:00:05Z');
    t.pageTriggered('I4', '2026-02-05T10:00:00Z');
    // I5 triggered before the window; I6 was declined: neither is in it.
    t.pageTriggered('I5', '2026-01-31T23:50:00Z');
    t.pageAcknowledged('I5', '2026-02-01T00:05:00Z', who.pagerduty('PCAROL'));
    t.incidentDeclared('I6', '2026-02-06T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.incidentStatusChanged('I6', '2026-02-06T10:05:00Z', 'INCIDENT_STATUS_DECLINED');
    // I7: 30 minutes → 1 800 s.
    t.pageTriggered('I7', '2026-02-07T10:00:00Z');
    t.pageAcknowledged('I7', '2026-02-07T10:30:00Z', who.pagerduty('PGINA'));

    const value = kpiOf('time_to_acknowledge', t.events);

    // 240, 720, 1 800: median 720; p90 at rank 1.8: 720 + 0.8 × 1 080 = 1 584; mean 2 760 / 3 = 920.
    expect(value).toMatchObject({ value: 720, sampleSize: 3, mean: 920, unit: 'seconds', extras: { unacknowledged: 2 } });
    expect(value.p90).toBeCloseTo(1_584, 6);
    expect(value.contributors).toHaveLength(5);
  });

  it('has no value when every incident of the window is unacknowledged', () => {
    const t = new MetricEvents();
    t.pageTriggered('I1', '2026-02-02T10:00:00Z');
    expect(kpiOf('time_to_acknowledge', t.events)).toMatchObject({ value: null, sampleSize: 0, extras: { unacknowledged: 1 } });
  });
});

describe('time_to_restore', () => {
  it('measures impactStart → the resolve event, sub-hour incidents included', () => {
    const t = new MetricEvents();
    // R1: 40 minutes → 2 400 s (not rounded to 0 hours).
    t.incidentDeclared('R1', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.incidentResolved('R1', '2026-02-02T10:40:00Z');
    // R2: a person corrected the impact start to 08:00 → 12:00: 14 400 s.
    t.incidentDeclared('R2', '2026-02-03T09:00:00Z', { serviceIds: ['checkout-io'] });
    t.impactCorrected('R2', '2026-02-03T13:00:00Z', { impactStartedAt: '2026-02-03T08:00:00Z' });
    t.incidentResolved('R2', '2026-02-03T12:00:00Z');
    // R3: the first alert at 09:50 starts the impact; resolved, reopened, resolved again at 11:20 → 5 400 s.
    t.incidentDeclared('R3', '2026-02-04T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.pageTriggered('PAGE-R3', '2026-02-04T09:50:00Z', { incident: { tool: 'incidentio', id: 'R3' } });
    t.incidentResolved('R3', '2026-02-04T10:05:00Z');
    t.incidentReopened('R3', '2026-02-04T11:00:00Z');
    t.incidentResolved('R3', '2026-02-04T11:20:00Z');
    // R7: started in January, resolved at the window's first instant → 2 days = 172 800 s.
    t.incidentDeclared('R7', '2026-01-30T00:00:00Z', { serviceIds: ['search-io'] });
    t.incidentResolved('R7', '2026-02-01T00:00:00Z');
    // Left out: resolved after the window, canceled, still open.
    t.incidentDeclared('R4', '2026-02-28T23:00:00Z');
    t.incidentResolved('R4', '2026-03-01T00:10:00Z');
    t.incidentDeclared('R5', '2026-02-10T10:00:00Z');
    t.incidentStatusChanged('R5', '2026-02-10T10:01:00Z', 'INCIDENT_STATUS_CANCELED');
    t.incidentResolved('R5', '2026-02-10T10:02:00Z');
    t.incidentDeclared('R6', '2026-02-11T10:00:00Z');

    const value = kpiOf('time_to_restore', t.events);

    // Sorted 2 400, 5 400, 14 400, 172 800: median 9 900; p90 at rank 2.7: 14 400 + 0.7 × 158 400 = 125 280; mean 195 000 / 4 = 48 750.
    expect(value).toMatchObject({ value: 9_900, sampleSize: 4, mean: 48_750 });
    expect(value.p90).toBeCloseTo(125_280, 6);
    // search belongs to web only: R7.
    expect(kpiOf('time_to_restore', t.events, { scope: team('web') })).toMatchObject({ value: 172_800, sampleSize: 1 });
  });
});

describe('time_to_restore with a corrected impact end', () => {
  it('lets a person’s correction of the impact end win over the resolve event, the window still chosen by the resolve event', () => {
    const t = new MetricEvents();
    // C1: declared 10:00, resolved 12:00, but a person says impact ended at 10:30 → 1 800 s, not 7 200.
    t.incidentDeclared('C1', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.incidentResolved('C1', '2026-02-02T12:00:00Z');
    t.impactCorrected('C1', '2026-02-02T13:00:00Z', { impactEndedAt: '2026-02-02T10:30:00Z' });
    // C2: two corrections; the later one (15:00, end 11:15) wins over the earlier (14:00, end 11:45) → 4 500 s.
    t.incidentDeclared('C2', '2026-02-03T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.incidentResolved('C2', '2026-02-03T13:00:00Z');
    t.impactCorrected('C2', '2026-02-03T14:00:00Z', { impactEndedAt: '2026-02-03T11:45:00Z' });
    t.impactCorrected('C2', '2026-02-03T15:00:00Z', { impactEndedAt: '2026-02-03T11:15:00Z' });
    // C3: an end before the impact start contradicts the timeline: the resolve event stands → 10:00–10:20 = 1 200 s.
    t.incidentDeclared('C3', '2026-02-04T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.incidentResolved('C3', '2026-02-04T10:20:00Z');
    t.impactCorrected('C3', '2026-02-04T11:00:00Z', { impactEndedAt: '2026-02-04T09:00:00Z' });
    // C4: still open, although a person says impact ended: not resolved in the window, no sample.
    t.incidentDeclared('C4', '2026-02-05T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.impactCorrected('C4', '2026-02-05T11:00:00Z', { impactEndedAt: '2026-02-05T10:10:00Z' });
    // C5: impact corrected to have ended on 27 February, resolved on 1 March: resolved after the window, no sample.
    t.incidentDeclared('C5', '2026-02-27T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.incidentResolved('C5', '2026-03-01T09:00:00Z');
    t.impactCorrected('C5', '2026-03-01T10:00:00Z', { impactEndedAt: '2026-02-27T11:00:00Z' });

    const value = kpiOf('time_to_restore', t.events);

    // Sorted 1 200, 1 800, 4 500: median 1 800; mean 7 500 / 3 = 2 500; p90 at rank 1.8: 1 800 + 0.8 × 2 700 = 3 960.
    expect(value).toMatchObject({ value: 1_800, sampleSize: 3, mean: 2_500 });
    expect(value.p90).toBeCloseTo(3_960, 6);
  });

  it('burns the error budget only until the corrected impact end', () => {
    const t = new MetricEvents();
    // SEV1 on checkout 10:00 → resolved 12:00, impact corrected to have ended at 10:20: 20 minutes, not 120.
    t.incidentDeclared('B1', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV1' });
    t.incidentResolved('B1', '2026-02-02T12:00:00Z');
    t.impactCorrected('B1', '2026-02-02T12:30:00Z', { impactEndedAt: '2026-02-02T10:20:00Z' });

    const value = kpiOf('error_budget_burn', t.events);

    // Budget (1 − 0.999) × 28 × 1 440 = 40.32 min; 20 / 40.32 ≈ 0.496.
    expect(value.numerator).toBeCloseTo(20, 9);
    expect(value.value).toBeCloseTo(20 / 40.32, 9);
  });
});

describe('error_budget_burn', () => {
  it('divides the minutes of impact at or above the SLO severity, overlaps merged, by the budget', () => {
    const t = new MetricEvents();
    // E1 (SEV1) 10:00–10:20 and E2 (SEV2) 10:10–10:30 overlap: 30 minutes, not 40.
    t.incidentDeclared('E1', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV1' });
    t.incidentResolved('E1', '2026-02-02T10:20:00Z');
    t.incidentDeclared('E2', '2026-02-02T10:10:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV2' });
    t.incidentResolved('E2', '2026-02-02T10:30:00Z');
    // E4 (SEV2) 31 Jan 23:50 – 1 Feb 00:10: its 10 minutes inside the window.
    t.incidentDeclared('E4', '2026-01-31T23:50:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV2' });
    t.incidentResolved('E4', '2026-02-01T00:10:00Z');
    // Left out: SEV3 is below the SLO's SEV2; unknown severity; search has no SLO.
    t.incidentDeclared('E3', '2026-02-03T10:00:00Z', { serviceIds: ['checkout-io'], severity: 'SEVERITY_SEV3' });
    t.incidentResolved('E3', '2026-02-03T12:00:00Z');
    t.incidentDeclared('E6', '2026-02-04T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.incidentResolved('E6', '2026-02-04T12:00:00Z');
    t.incidentDeclared('E5', '2026-02-05T10:00:00Z', { serviceIds: ['search-io'], severity: 'SEVERITY_SEV1' });
    t.incidentResolved('E5', '2026-02-05T12:00:00Z');

    const value = kpiOf('error_budget_burn', t.events);

    // Budget: (1 − 0.999) × 28 days × 1 440 min = 40.32 min; impact 30 + 10 = 40 min → 40 / 40.32 ≈ 0.992.
    expect(value).toMatchObject({ unit: 'ratio', sampleSize: 1, numerator: 40 });
    expect(value.value).toBeCloseTo(40 / 40.32, 9);
    expect(value.denominator).toBeCloseTo(40.32, 9);
    expect(value.contributors).toEqual(['incident:incidentio:E1', 'incident:incidentio:E2', 'incident:incidentio:E4', 'service:checkout']);
    expect(kpiOf('error_budget_burn', t.events, { scope: { kind: 'service', service: 'checkout' } }).value).toBeCloseTo(40 / 40.32, 9);
    // web's only service has no SLO: no sample, no value.
    expect(kpiOf('error_budget_burn', t.events, { scope: team('web') })).toMatchObject({ value: null, sampleSize: 0 });
  });
});
