import { MetricEvents } from '../../testing/metric-events';
import { FEBRUARY, kpiOf, team } from '../../testing/kpi-harness';
import { directoryOf, TEST_ORGANIZATION_YAML } from '../../testing/test-organization';

/** The four whole weeks Monday 2 February … Sunday 1 March 2026. */
const FOUR_WEEKS = { from: '2026-02-02T00:00:00Z', to: '2026-03-02T00:00:00Z' };

describe('deployment_frequency', () => {
  function scenario(): MetricEvents {
    const t = new MetricEvents();
    // Week 1: Monday twice, Wednesday once → 2 deploy days.
    t.deploymentFinished('W1-MON-A', '2026-02-02T09:00:00Z');
    t.deploymentFinished('W1-MON-B', '2026-02-02T15:00:00Z');
    t.deploymentFinished('W1-WED', '2026-02-04T10:00:00Z', { repository: { tool: 'github', id: 'acme/search' } });
    // Week 2: nothing in production (a staging deployment, a failed one) → 0 days.
    t.deploymentFinished('W2-STAGING', '2026-02-10T10:00:00Z', { environment: 'staging', production: false });
    t.deploymentFinished('W2-FAILED', '2026-02-11T10:00:00Z', { status: 'DEPLOYMENT_STATUS_FAILURE' });
    // Week 3: Monday, Tuesday, Wednesday → 3 days. Week 4: Friday → 1 day.
    t.deploymentFinished('W3-MON', '2026-02-16T10:00:00Z');
    t.deploymentFinished('W3-TUE', '2026-02-17T10:00:00Z');
    t.deploymentFinished('W3-WED', '2026-02-18T10:00:00Z');
    t.deploymentFinished('W4-FRI', '2026-02-27T10:00:00Z');
    // Outside the window ([from, to): the end is excluded).
    t.deploymentFinished('AFTER', '2026-03-02T00:00:00Z');
    // An environment the tool did not class production, but the organisation's names do.
    t.deploymentFinished('W4-PROD-NAME', '2026-02-27T12:00:00Z', { environment: 'prod', production: false });
    return t;
  }

  it('counts successful production deployments and the median deploy days per week, weeks without one counting 0', () => {
    const value = kpiOf('deployment_frequency', scenario().events, { window: FOUR_WEEKS });

    // 3 + 0 + 3 + 2 = 8 deployments; deploy days per week 2, 0, 3, 1 → sorted 0, 1, 2, 3 → median (1 + 2) / 2 = 1.5.
    // Leaving the empty week out would give median(1, 2, 3) = 2.
    expect(value).toMatchObject({ kpi: 'deployment_frequency', version: 1, value: 8, unit: 'count', sampleSize: 8, suppressed: false });
    expect(value.extras).toEqual({ deployDaysPerWeek: 1.5, weeks: 4 });
    expect(value.contributors).toHaveLength(8);
  });

  it('attributes a deployment to its service’s owning and operating teams', () => {
    const events = scenario().events;
    // search (owned by web) deployed once; checkout (payments, operated by sre) 7 times.
    expect(kpiOf('deployment_frequency', events, { window: FOUR_WEEKS, scope: team('web') })).toMatchObject({ value: 1, extras: { deployDaysPerWeek: 0, weeks: 4 } });
    expect(kpiOf('deployment_frequency', events, { window: FOUR_WEEKS, scope: team('sre') }).value).toBe(7);
    expect(kpiOf('deployment_frequency', events, { window: FOUR_WEEKS, scope: { kind: 'team_pair', teams: ['payments', 'sre'] } }).value).toBe(7);
    expect(kpiOf('deployment_frequency', events, { window: FOUR_WEEKS, scope: { kind: 'service', service: 'search' } }).value).toBe(1);
  });

  it('counts days on the organisation’s calendar', () => {
    const t = new MetricEvents();
    // 23:30 UTC on Sunday 8 February is 00:30 on Monday 9 February in Berlin: week 2, not week 1.
    t.deploymentFinished('LATE-SUNDAY', '2026-02-08T23:30:00Z');
    t.deploymentFinished('MONDAY', '2026-02-09T10:00:00Z');
    const berlin = directoryOf(TEST_ORGANIZATION_YAML.replace('timezone: UTC', 'timezone: Europe/Berlin'));
    // Berlin weeks: [1 Feb 23:00 UTC, 8 Feb 23:00 UTC) and [8 Feb 23:00 UTC, 15 Feb 23:00 UTC) both lie in the window.
    const window = { from: '2026-02-01T23:00:00Z', to: '2026-02-15T23:00:00Z' };

    const value = kpiOf('deployment_frequency', t.events, { window, directory: berlin });

    // Both on Monday 9 February in Berlin: deploy days per week 0 and 1 → median 0.5.
    expect(value).toMatchObject({ value: 2, extras: { deployDaysPerWeek: 0.5, weeks: 2 } });
  });

  it('has no value without a deployment, but still counts the empty weeks', () => {
    expect(kpiOf('deployment_frequency', [], { window: FOUR_WEEKS })).toMatchObject({ value: null, sampleSize: 0, extras: { deployDaysPerWeek: 0, weeks: 4 } });
  });
});

describe('lead_time_for_changes', () => {
  it('measures first commit (or opening) → first production deployment containing the merge commit', () => {
    const t = new MetricEvents();
    // PR 1, merge commit: first commit 2 Feb 08:00, shipped by D1 on 3 Feb 08:00 → 24 h = 86 400 s.
    t.prMerged(1, '2026-02-02T12:00:00Z', { mergeCommitSha: 'merge1000000aaaa', openedAt: '2026-02-02T09:00:00Z', firstCommitAuthoredAt: '2026-02-02T08:00:00Z' });
    t.deploymentFinished('D1', '2026-02-03T08:00:00Z', { sha: 'merge1000000aaaa', includedCommits: { shas: ['merge1000000aaaa'] } });
    // PR 2, squash merge, first commit unknown: opened 3 Feb 10:00; its squash commit is listed by
    // D2 (3 Feb 12:30) and again by a redeploy D2-AGAIN → the first one: 2 h 30 = 9 000 s.
    t.prOpened(2, '2026-02-03T10:00:00Z', { tool: 'github', id: 'bob-gh' });
    t.prMerged(2, '2026-02-03T11:00:00Z', { mergeCommitSha: 'squash2000000bbbb', openedAt: '2026-02-03T10:00:00Z' });
    t.deploymentFinished('D2', '2026-02-03T12:30:00Z', { sha: 'other00000000', includedCommits: { shas: ['other00000000', 'squash2000000bbbb'] } });
    t.deploymentFinished('D2-AGAIN', '2026-02-04T12:30:00Z', { sha: 'squash2000000bbbb', includedCommits: { shas: ['squash2000000bbbb'] } });
    // PR 3, under an hour: first commit 5 Feb 09:00; D3 deploys the abbreviated merge sha at 09:45 → 2 700 s.
    t.prMerged(3, '2026-02-05T09:20:00Z', { mergeCommitSha: 'abc1234def5678', openedAt: '2026-02-05T09:05:00Z', firstCommitAuthoredAt: '2026-02-05T09:00:00Z' });
    t.deploymentFinished('D3', '2026-02-05T09:45:00Z', { sha: 'abc1234' });
    // PR 4, D4 lists no commits: the pushes to main order them, and D4's sha came after the merge → 6 h = 21 600 s.
    t.prMerged(4, '2026-02-06T10:00:00Z', { mergeCommitSha: 'merge4000000dddd', openedAt: '2026-02-06T07:00:00Z', firstCommitAuthoredAt: '2026-02-06T06:00:00Z' });
    t.commitsPushed('2026-02-06T10:00:00Z', { afterSha: 'merge4000000dddd', commits: [{ sha: 'merge4000000dddd', authoredAt: '2026-02-06T10:00:00Z', author: { tool: 'github', id: 'dave-gh' } }] });
    t.commitsPushed('2026-02-06T11:00:00Z', {
      beforeSha: 'merge4000000dddd',
      afterSha: 'later40000000eee',
      commits: [{ sha: 'later40000000eee', authoredAt: '2026-02-06T11:00:00Z', author: { tool: 'github', id: 'dave-gh' } }],
    });
    t.deploymentFinished('D4', '2026-02-06T12:00:00Z', { sha: 'later40000000eee' });
    // Left out: shipped in January, never deployed, deployed to staging only.
    t.prMerged(5, '2026-01-29T10:00:00Z', { mergeCommitSha: 'jan5000000000', openedAt: '2026-01-29T09:00:00Z' });
    t.deploymentFinished('D-JAN', '2026-01-30T10:00:00Z', { sha: 'jan5000000000' });
    t.prMerged(6, '2026-02-07T10:00:00Z', { mergeCommitSha: 'never60000000', openedAt: '2026-02-07T09:00:00Z' });
    t.prMerged(7, '2026-02-07T10:00:00Z', { mergeCommitSha: 'staging700000', openedAt: '2026-02-07T09:00:00Z' });
    t.deploymentFinished('D-STAGING', '2026-02-07T11:00:00Z', { sha: 'staging700000', environment: 'staging', production: false });

    const value = kpiOf('lead_time_for_changes', t.events);

    // Sorted 2 700, 9 000, 21 600, 86 400: median (9 000 + 21 600) / 2 = 15 300;
    // p90 at rank 0.9 × 3 = 2.7: 21 600 + 0.7 × (86 400 − 21 600) = 66 960; mean 119 700 / 4 = 29 925.
    expect(value).toMatchObject({ value: 15_300, unit: 'seconds', sampleSize: 4, mean: 29_925 });
    expect(value.p90).toBeCloseTo(66_960, 6);
    expect(value.contributors).toEqual(
      expect.arrayContaining(['pull_request:github:acme/checkout:2', 'deployment:github:D2', 'pull_request:github:acme/checkout:4', 'deployment:github:D4']),
    );
    expect(value.contributors).not.toContain('deployment:github:D2-AGAIN');
  });
});

describe('change_failure_rate', () => {
  it('counts a deployment linked to several incidents once, so the rate never exceeds 1', () => {
    const t = new MetricEvents();
    t.deploymentFinished('D1', '2026-02-02T08:00:00Z');
    t.deploymentFinished('D2', '2026-02-03T08:00:00Z', { repository: { tool: 'github', id: 'acme/search' } });
    // Three incidents blame D1: two named by people, one by the same-service window.
    for (const id of ['A', 'B', 'C']) t.incidentDeclared(id, '2026-02-02T09:00:00Z', { serviceIds: ['checkout-io'] });
    t.linkedToDeployment('A', '2026-02-02T10:00:00Z', { deployment: { tool: 'github', id: 'D1' } });
    t.linkedToDeployment('B', '2026-02-02T10:00:00Z', { deployment: { tool: 'github', id: 'D1' } });

    const value = kpiOf('change_failure_rate', t.events);

    // 1 failed deployment ÷ 2 deployments; counting incidents would give 3 ÷ 2 = 1.5.
    expect(value).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, sampleSize: 2, unit: 'ratio' });
  });

  it('counts rolled-back deployments, not incidents marked not change-caused, nor failed or staging runs', () => {
    const t = new MetricEvents();
    t.deploymentFinished('D1', '2026-02-02T08:00:00Z');
    t.deploymentFinished('D2', '2026-02-10T08:00:00Z');
    t.deploymentFinished('ROLLBACK', '2026-02-10T08:30:00Z', { rollback: true, revertsDeploymentId: 'D2' });
    t.deploymentFinished('D3', '2026-02-20T08:00:00Z');
    t.incidentDeclared('NOT-A-CHANGE', '2026-02-20T09:00:00Z', { serviceIds: ['checkout-io'] });
    t.markedNotChangeCaused('NOT-A-CHANGE', '2026-02-20T12:00:00Z');
    t.deploymentFinished('D4', '2026-02-21T08:00:00Z', { repository: { tool: 'github', id: 'acme/search' } });
    t.deploymentFinished('FAILED', '2026-02-22T08:00:00Z', { status: 'DEPLOYMENT_STATUS_FAILURE' });
    t.deploymentFinished('STAGING', '2026-02-22T09:00:00Z', { environment: 'staging', production: false });
    // D1 is blamed by the same-service window rule. The incident is still open when D2 is rolled
    // back, but D2 finished after its impact started: the rollback does not name D2 as its cause.
    t.incidentDeclared('INC', '2026-02-02T09:00:00Z', { serviceIds: ['checkout-io'] });

    const value = kpiOf('change_failure_rate', t.events);

    // Production deployments: D1, D2, ROLLBACK, D3, D4 = 5; failed: D1 (incident), D2 (rolled back) = 2.
    expect(value).toMatchObject({ value: 0.4, numerator: 2, denominator: 5 });
    expect(kpiOf('change_failure_rate', t.events, { scope: team('web') })).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
  });
});

describe('failed_deployment_recovery_time', () => {
  it('measures a failed deployment’s finish → its incidents resolved (the resolve event’s time) or the fixing deployment', () => {
    const t = new MetricEvents();
    // D0 (31 Jan 23:00) → INC0 resolved 1 Feb 00:30, in the window: 5 400 s.
    t.deploymentFinished('D0', '2026-01-31T23:00:00Z');
    t.incidentDeclared('INC0', '2026-02-01T00:00:00Z', { serviceIds: ['checkout-io'] });
    t.incidentResolved('INC0', '2026-02-01T00:30:00Z');
    // D1 (2 Feb 08:00) → INC-A resolved at 08:50: 3 000 s, under an hour and not rounded to 0.
    // The incident is closed a day later and a post-mortem published: neither moves the recovery.
    t.deploymentFinished('D1', '2026-02-02T08:00:00Z');
    t.incidentDeclared('INC-A', '2026-02-02T08:30:00Z', { serviceIds: ['checkout-io'] });
    t.incidentResolved('INC-A', '2026-02-02T08:50:00Z');
    t.incidentStatusChanged('INC-A', '2026-02-03T09:00:00Z', 'INCIDENT_STATUS_CLOSED');
    t.postmortemPublished('PM-A', '2026-02-04T09:00:00Z', 'INC-A');
    // D2 (10 Feb 10:00) rolled back at 10:12 with no incident: 720 s.
    t.deploymentFinished('D2', '2026-02-10T10:00:00Z');
    t.deploymentFinished('R2', '2026-02-10T10:12:00Z', { rollback: true, revertsDeploymentId: 'D2' });
    // D3 (20 Feb 09:00) named by two incidents resolved at 10:00 and 11:00 → the last: 7 200 s.
    t.deploymentFinished('D3', '2026-02-20T09:00:00Z');
    for (const [id, resolvedAt] of [['X', '2026-02-20T10:00:00Z'], ['Y', '2026-02-20T11:00:00Z']]) {
      t.incidentDeclared(id, '2026-02-20T09:10:00Z', { serviceIds: ['checkout-io'] });
      t.linkedToDeployment(id, '2026-02-20T09:30:00Z', { deployment: { tool: 'github', id: 'D3' } });
      t.incidentResolved(id, resolvedAt);
    }
    // D5's incident is still open; D4's recovered after the window: both left out.
    t.deploymentFinished('D5', '2026-02-25T10:00:00Z');
    t.incidentDeclared('OPEN', '2026-02-25T10:30:00Z', { serviceIds: ['checkout-io'] });
    t.deploymentFinished('D4', '2026-02-28T22:00:00Z');
    t.incidentDeclared('Z', '2026-02-28T23:30:00Z', { serviceIds: ['checkout-io'] });
    t.incidentResolved('Z', '2026-03-01T01:00:00Z');

    const value = kpiOf('failed_deployment_recovery_time', t.events);

    // Sorted 720, 3 000, 5 400, 7 200: median (3 000 + 5 400) / 2 = 4 200;
    // p90 at rank 2.7: 5 400 + 0.7 × 1 800 = 6 660; mean 16 320 / 4 = 4 080.
    expect(value).toMatchObject({ value: 4_200, sampleSize: 4, p90: 6_660, mean: 4_080, unit: 'seconds' });
    expect(value.contributors).toEqual(
      ['deployment:github:D0', 'deployment:github:D1', 'deployment:github:D2', 'deployment:github:D3', 'deployment:github:R2', 'incident:incidentio:INC-A', 'incident:incidentio:INC0', 'incident:incidentio:X', 'incident:incidentio:Y'].sort(),
    );
  });

  it('has no value when nothing recovered in the window', () => {
    expect(kpiOf('failed_deployment_recovery_time', [], { window: FEBRUARY })).toMatchObject({ value: null, sampleSize: 0, p90: null, mean: null });
  });
});
