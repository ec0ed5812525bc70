import { firstResponderV1, recognitionIdOf, restoredTogetherV1, TEAM_AWARD } from '@tandem/recognition';
import { RecognitionEvents, who } from '../testing/recognition-events';
import { awardsOf, summary } from '../testing/rule-harness';

describe('first_responder (v1)', () => {
  /** P1 pages carol (on call); Dev-side people join at 4 and 10 min, one a second too late. */
  function scenario(): RecognitionEvents {
    const t = new RecognitionEvents();
    t.paged('P1', '2026-02-02T10:00:00Z', [who.pagerduty('PCAROL')]);
    t.pageAcknowledged('P1', '2026-02-02T10:02:00Z', who.pagerduty('PCAROL'));
    t.incidentRoleAssigned('P1', '2026-02-02T10:04:00Z', who.slack('UDAVE'));
    t.pageAcknowledged('P1', '2026-02-02T10:05:00Z', who.pagerduty('PDAVE')); // dave again: still one award
    t.responderAdded('P1', '2026-02-02T10:10:00Z', who.pagerduty('PERIN')); // exactly 10 min
    t.incidentRoleAssigned('P1', '2026-02-02T10:10:01Z', who.slack('U222222222')); // bob, 1 s too late
    t.incidentRoleAssigned('P1', '2026-02-02T10:03:00Z', who.slack('UOLGA')); // opted out
    t.incidentResolved('P1', '2026-02-02T11:00:00Z');
    return t;
  }

  it('recognizes each Dev-side person not on call who joined within 10 minutes, once', () => {
    const t = scenario();
    const awards = awardsOf(firstResponderV1, t.events);
    expect(summary(awards)).toEqual(['first_responder dave incident:pagerduty:P1', 'first_responder erin incident:pagerduty:P1']);
    expect(awards[0]).toEqual({
      recognitionId: recognitionIdOf('first_responder', 'dave', 'incident:pagerduty:P1'),
      ruleId: 'first_responder',
      ruleVersion: 1,
      personIds: ['dave'],
      teamSlugs: [],
      subjectId: 'incident:pagerduty:P1',
      evidenceEventIds: expect.arrayContaining([t.events[0].eventId, t.events[3].eventId]),
      sentence: 'Dave joined the checkout incident 4 min after it was triggered, without being on call',
      awardedAt: '2026-02-02T10:04:00.000Z',
    });
    expect(awards[1].sentence).toBe('Erin joined the checkout incident 10 min after it was triggered, without being on call');
  });

  it('does not recognize whoever the page notified, escalated to or was reassigned to', () => {
    const t = new RecognitionEvents();
    t.paged('P2', '2026-02-03T10:00:00Z', [who.pagerduty('PDAVE')]);
    t.pageAcknowledged('P2', '2026-02-03T10:01:00Z', who.pagerduty('PDAVE'));
    t.pageEscalated('P2', '2026-02-03T10:03:00Z', [who.pagerduty('PERIN')]);
    t.pageAcknowledged('P2', '2026-02-03T10:04:00Z', who.pagerduty('PERIN'));
    t.pageReassigned('P2', '2026-02-03T10:05:00Z', [who.pagerduty('PBOB')]);
    t.pageAcknowledged('P2', '2026-02-03T10:06:00Z', who.pagerduty('PBOB'));
    t.incidentResolved('P2', '2026-02-03T11:00:00Z');
    expect(awardsOf(firstResponderV1, t.events)).toEqual([]);
  });

  it('takes the acknowledger of a page that names nobody as on call, but still recognizes others', () => {
    const t = new RecognitionEvents();
    t.paged('P3', '2026-02-04T10:00:00Z', []);
    t.pageAcknowledged('P3', '2026-02-04T10:02:00Z', who.pagerduty('PDAVE'));
    t.incidentRoleAssigned('P3', '2026-02-04T10:03:00Z', who.slack('UERIN'));
    expect(summary(awardsOf(firstResponderV1, t.events))).toEqual(['first_responder erin incident:pagerduty:P3']);
  });

  it('keeps to the window: awards whose act falls in [from, to)', () => {
    const events = scenario().events;
    expect(summary(awardsOf(firstResponderV1, events, { window: { from: '2026-02-02T10:05:00Z', to: '2026-02-03T00:00:00Z' } }))).toEqual(['first_responder erin incident:pagerduty:P1']);
  });
});

describe('restored_together (v1, a team recognition)', () => {
  function incident(t: RecognitionEvents, id: string, day: string, resolvedAfter: string, people: { ops?: boolean; dev?: 'UDAVE' | 'UOLGA' }) {
    t.paged(id, `${day}T10:00:00Z`, [who.pagerduty('PCAROL')]);
    if (people.ops) t.pageAcknowledged(id, `${day}T10:02:00Z`, who.pagerduty('PCAROL'));
    if (people.dev) t.incidentRoleAssigned(id, `${day}T10:04:00Z`, who.slack(people.dev));
    t.incidentResolved(id, `${day}T${resolvedAfter}`);
  }

  it('recognizes the Dev and Ops teams who both took part in an incident restored in under 30 min, once', () => {
    const t = new RecognitionEvents();
    incident(t, 'P1', '2026-02-02', '10:18:00Z', { ops: true, dev: 'UDAVE' });
    incident(t, 'P2', '2026-02-03', '10:30:00Z', { ops: true, dev: 'UDAVE' }); // 30 min: not under
    incident(t, 'P3', '2026-02-04', '10:10:00Z', { ops: true }); // only Ops
    incident(t, 'P4', '2026-02-05', '10:10:00Z', { ops: true, dev: 'UOLGA' }); // opt-outs do not hide teams
    const awards = awardsOf(restoredTogetherV1, t.events);
    expect(summary(awards)).toEqual(['restored_together payments+sre incident:pagerduty:P1', 'restored_together payments+sre incident:pagerduty:P4']);
    expect(awards[0]).toMatchObject({
      recognitionId: recognitionIdOf('restored_together', TEAM_AWARD, 'incident:pagerduty:P1'),
      personIds: [],
      sentence: 'payments and sre restored checkout together in 18 min',
      awardedAt: '2026-02-02T10:18:00.000Z',
    });
  });
});
