import { MetricEvents, who } from '../../testing/metric-events';
import { kpiOf } from '../../testing/kpi-harness';

describe('postmortem_completion_rate', () => {
  it('shares the SEV2+ incidents resolved in the window with a post-mortem published within 7 days', () => {
    const t = new MetricEvents();
    const incident = (id: string, severity: 'SEVERITY_SEV1' | 'SEVERITY_SEV2' | 'SEVERITY_SEV3', resolvedAt: string) => {
      t.incidentDeclared(id, '2026-01-20T10:00:00Z', { serviceIds: ['checkout-io'], severity });
      t.incidentResolved(id, resolvedAt);
    };
    incident('C1', 'SEVERITY_SEV1', '2026-02-02T10:00:00Z');
    t.postmortemPublished('PM1', '2026-02-05T10:00:00Z', 'C1'); // 3 days: on time
    incident('C2', 'SEVERITY_SEV2', '2026-02-03T10:00:00Z');
    t.postmortemPublished('PM2', '2026-02-12T10:00:00Z', 'C2'); // 9 days: late
    incident('C3', 'SEVERITY_SEV2', '2026-02-10T10:00:00Z'); // none
    incident('C4', 'SEVERITY_SEV3', '2026-02-10T10:00:00Z'); // below SEV2
    incident('C5', 'SEVERITY_SEV2', '2026-02-25T10:00:00Z'); // due 4 March, after the window: not yet due
    incident('C6', 'SEVERITY_SEV1', '2026-02-26T10:00:00Z');
    t.postmortemPublished('PM6', '2026-02-27T10:00:00Z', 'C6'); // due after the window, but already published
    incident('C7', 'SEVERITY_SEV2', '2026-01-30T10:00:00Z'); // resolved before the window

    // C1, C2, C3, C6 = 4; published by the deadline: C1, C6 = 2.
    expect(kpiOf('postmortem_completion_rate', t.events)).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
  });
});

describe('postmortem_cross_team_participation', () => {
  it('shares the post-mortems whose authors, contributors or reviewers include both sides', () => {
    const t = new MetricEvents();
    t.incidentDeclared('INC', '2026-01-20T10:00:00Z', { serviceIds: ['checkout-io'] });
    // PM1: dave (Dev, by identity) and carol (Ops, by person id).
    t.postmortemPublished('PM1', '2026-02-02T10:00:00Z', 'INC', { authors: [{ identity: who.slack('UDAVE') }], reviewers: [{ personId: 'carol' }] });
    // PM2: Ops only. PM3: alice and erin, both Dev in February.
    t.postmortemPublished('PM2', '2026-02-03T10:00:00Z', 'INC', { authors: [{ personId: 'carol' }], contributors: [{ personId: 'frank' }] });
    t.postmortemPublished('PM3', '2026-02-20T10:00:00Z', 'INC', { authors: [{ personId: 'alice' }], reviewers: [{ personId: 'erin' }] });
    // PM4: the publication names no authors; the start named dave. gina (Ops) reviewed.
    t.add('PostmortemStarted', { tool: 'incidentio', postmortemId: 'PM4', incident: { tool: 'incidentio', id: 'INC' }, startedAt: '2026-02-04T10:00:00Z', authors: [{ personId: 'dave' }] }, '2026-02-04T10:00:00Z');
    t.postmortemPublished('PM4', '2026-02-05T10:00:00Z', 'INC', { reviewers: [{ personId: 'gina' }] });
    // PM5: one person. PM6: published after the window.
    t.postmortemPublished('PM5', '2026-02-06T10:00:00Z', 'INC', { authors: [{ personId: 'bob' }] });
    t.postmortemPublished('PM6', '2026-03-02T10:00:00Z', 'INC', { authors: [{ personId: 'dave' }], reviewers: [{ personId: 'carol' }] });

    // Published in February: PM1–PM5 = 5; both sides: PM1, PM4 = 2.
    expect(kpiOf('postmortem_cross_team_participation', t.events)).toMatchObject({ value: 0.4, numerator: 2, denominator: 5 });
  });
});

describe('action_item_closure_rate', () => {
  it('shares the items due in the window closed by their due date, with the median days to close', () => {
    const t = new MetricEvents();
    // A1: no due date → created 10 Jan + 30 days = 9 Feb; closed 5 Feb (26 days) → on time.
    t.actionItemCreated('A1', '2026-01-10T00:00:00Z');
    t.actionItemClosed('A1', '2026-02-05T00:00:00Z');
    // A2: due 15 Feb, closed 16 Feb (15 days) → late. A3: due 20 Feb, open.
    t.actionItemCreated('A2', '2026-02-01T00:00:00Z', { dueAt: '2026-02-15T00:00:00Z' });
    t.actionItemClosed('A2', '2026-02-16T00:00:00Z');
    t.actionItemCreated('A3', '2026-02-01T00:00:00Z', { dueAt: '2026-02-20T00:00:00Z' });
    // A4: closed as won't do on 18 Feb (10 days): closed by its due date.
    t.actionItemCreated('A4', '2026-02-08T00:00:00Z', { dueAt: '2026-02-20T00:00:00Z' });
    t.actionItemClosed('A4', '2026-02-18T00:00:00Z', 'ACTION_ITEM_OUTCOME_NOT_DOING');
    // A5: closed 10 Feb, reopened, closed again 25 Feb (24 days) → after its due date of 20 Feb.
    t.actionItemCreated('A5', '2026-02-01T00:00:00Z', { dueAt: '2026-02-20T00:00:00Z' });
    t.actionItemClosed('A5', '2026-02-10T00:00:00Z');
    t.actionItemReopened('A5', '2026-02-12T00:00:00Z');
    t.actionItemClosed('A5', '2026-02-25T00:00:00Z');
    // A6: due in March. A7: default due 31 Jan moved to 10 Feb; closed 9 Feb (39 days) → on time.
    t.actionItemCreated('A6', '2026-02-01T00:00:00Z', { dueAt: '2026-03-05T00:00:00Z' });
    t.actionItemCreated('A7', '2026-01-01T00:00:00Z');
    t.add('ActionItemDueDateChanged', { tool: 'incidentio', actionItemId: 'A7', dueAt: '2026-02-10T00:00:00Z', changedAt: '2026-01-20T00:00:00Z' }, '2026-01-20T00:00:00Z');
    t.actionItemClosed('A7', '2026-02-09T00:00:00Z');

    const value = kpiOf('action_item_closure_rate', t.events);

    // Due in February: A1, A2, A3, A4, A5, A7 = 6; on time: A1, A4, A7 = 3.
    // Days to close of the closed ones: 10, 15, 24, 26, 39 → median 24.
    expect(value).toMatchObject({ value: 0.5, numerator: 3, denominator: 6, extras: { medianDaysToClose: 24 } });
  });
});
