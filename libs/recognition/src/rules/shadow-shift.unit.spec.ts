import { shadowShiftV1 } from '@tandem/recognition';
import { RecognitionEvents, who } from '../testing/recognition-events';
import { awardsOf, summary } from '../testing/rule-harness';

describe('shadow_shift (v1)', () => {
  it('recognizes a completed shadow or secondary shift alongside the other side, once per shift', () => {
    const t = new RecognitionEvents();
    const week = ['2026-02-02T09:00:00Z', '2026-02-09T09:00:00Z'] as const;
    t.shiftCompleted('SOPS', who.pagerduty('PDAVE'), 'ON_CALL_ROLE_SHADOW', ...week, [who.pagerduty('PCAROL')]);
    // The same shift reported again (another export, another event id): still one award.
    t.shiftCompleted('SOPS', who.pagerduty('PDAVE'), 'ON_CALL_ROLE_SHADOW', ...week, [who.pagerduty('PCAROL')]);
    t.shiftCompleted('SOPS', who.pagerduty('PBOB'), 'ON_CALL_ROLE_SECONDARY', ...week, [who.pagerduty('PCAROL'), who.pagerduty('PFRANK')]);
    t.shiftCompleted('SDEV', who.pagerduty('PERIN'), 'ON_CALL_ROLE_SECONDARY', ...week, [who.pagerduty('PDAVE')]); // same side
    t.shiftCompleted('SOPS2', who.pagerduty('PERIN'), 'ON_CALL_ROLE_PRIMARY', ...week, [who.pagerduty('PCAROL')]); // primary
    t.shiftCompleted('SOPS3', who.pagerduty('POLGA'), 'ON_CALL_ROLE_SHADOW', ...week, [who.pagerduty('PCAROL')]); // opted out

    const awards = awardsOf(shadowShiftV1, t.events);
    expect(summary(awards)).toEqual([
      'shadow_shift bob schedule-pagerduty-SOPS@2026-02-02T09:00:00.000Z',
      'shadow_shift dave schedule-pagerduty-SOPS@2026-02-02T09:00:00.000Z',
    ]);
    // Of the two reports of Dave's shift, the one with the smaller event id is the evidence.
    expect(awards[1]).toMatchObject({ sentence: 'Dave completed an on-call shift as shadow alongside sre', evidenceEventIds: [[t.events[0].eventId, t.events[1].eventId].sort()[0]], awardedAt: '2026-02-09T09:00:00.000Z' });
  });
});
