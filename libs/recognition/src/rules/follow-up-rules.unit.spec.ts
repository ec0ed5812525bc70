import { followThroughV1, postmortemPartnerV1 } from '@tandem/recognition';
import { RecognitionEvents, who } from '../testing/recognition-events';
import { awardsOf, summary } from '../testing/rule-harness';

const person = (personId: string) => ({ personId });

describe('postmortem_partner (v1)', () => {
  it('recognizes each writer of a two-sided post-mortem published within 3 days of resolution', () => {
    const t = new RecognitionEvents();
    for (const id of ['P1', 'P2', 'P3', 'P4', 'P5']) {
      t.paged(id, '2026-02-02T10:00:00Z');
      t.incidentResolved(id, '2026-02-02T11:00:00Z');
    }
    t.postmortemPublished('pm1', '2026-02-05T11:00:00Z', 'P1', { authors: [{ identity: who.slack('UDAVE') }, person('carol')] }); // exactly 3 days
    t.postmortemPublished('pm2', '2026-02-05T11:00:01Z', 'P2', { authors: [person('dave'), person('carol')] }); // 1 s late
    t.postmortemPublished('pm3', '2026-02-03T11:00:00Z', 'P3', { authors: [person('dave'), person('erin')], reviewers: [person('carol')] }); // writers all Dev
    t.postmortemPublished('pm4', '2026-02-03T11:00:00Z', 'P4', { authors: [person('erin')], contributors: [person('frank')] });
    t.postmortemPublished('pm5', '2026-02-03T11:00:00Z', 'P5', { authors: [person('olga'), person('megan')] }); // olga opted out

    const awards = awardsOf(postmortemPartnerV1, t.events);
    expect(summary(awards)).toEqual([
      'postmortem_partner erin postmortem:incidentio:pm4',
      'postmortem_partner frank postmortem:incidentio:pm4',
      'postmortem_partner megan postmortem:incidentio:pm5',
      'postmortem_partner carol postmortem:incidentio:pm1',
      'postmortem_partner dave postmortem:incidentio:pm1',
    ]);
    expect(awards[4].sentence).toBe('Dave co-wrote the post-mortem of the checkout incident across Dev and Ops (payments and sre), published 3 days after it was resolved');
  });
});

describe('follow_through (v1)', () => {
  it("recognizes an action item's assignee who closed it (as done) by its due date, once", () => {
    const t = new RecognitionEvents();
    t.paged('P1', '2026-02-01T09:00:00Z');
    const item = (id: string, data: Parameters<RecognitionEvents['actionItemCreated']>[2]) =>
      t.actionItemCreated(id, '2026-02-01T10:00:00Z', { incident: { tool: 'pagerduty', id: 'P1' }, assignee: person('dave'), dueAt: '2026-02-10T00:00:00Z', ...data });
    item('ai1', {});
    t.actionItemClosed('ai1', '2026-02-09T12:00:00Z');
    item('ai2', {});
    t.actionItemClosed('ai2', '2026-02-10T00:00:01Z'); // 1 s late
    item('ai3', { assignee: person('erin') });
    t.actionItemClosed('ai3', '2026-02-10T00:00:00Z'); // on the due instant
    item('ai4', {});
    t.actionItemClosed('ai4', '2026-02-05T00:00:00Z', 'ACTION_ITEM_OUTCOME_NOT_DOING');
    item('ai5', { dueAt: undefined, assignee: person('carol') }); // default due: created + 30 days
    t.actionItemClosed('ai5', '2026-03-01T00:00:00Z');
    item('ai6', {});
    t.actionItemClosed('ai6', '2026-02-05T00:00:00Z');
    t.add('ActionItemReopened', { tool: 'incidentio', actionItemId: 'ai6', reopenedAt: '2026-02-06T00:00:00Z' }, '2026-02-06T00:00:00Z');
    item('ai7', { assignee: undefined });
    t.actionItemClosed('ai7', '2026-02-05T00:00:00Z');
    item('ai8', { assignee: person('olga') });
    t.actionItemClosed('ai8', '2026-02-05T00:00:00Z');

    const awards = awardsOf(followThroughV1, t.events);
    expect(summary(awards)).toEqual(['follow_through dave action_item:incidentio:ai1', 'follow_through erin action_item:incidentio:ai3', 'follow_through carol action_item:incidentio:ai5']);
    expect(awards.map((award) => award.sentence)).toEqual([
      'Dave closed a post-mortem action item from the checkout incident 12 h before it was due',
      'Erin closed a post-mortem action item from the checkout incident on its due date',
      'Carol closed a post-mortem action item from the checkout incident 2 days before it was due',
    ]);
  });
});
