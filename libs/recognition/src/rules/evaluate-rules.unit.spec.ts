import { awardEvent, evaluateRules, recognitionModelOf, RECOGNITION_RULES, RULE_IDS } from '@tandem/recognition';
import { RecognitionEvents, who } from '../testing/recognition-events';
import { directoryOf, RECOGNITION_ORGANIZATION_YAML, testDirectory } from '../testing/recognition-organization';
import { allAwardsOf, summary } from '../testing/rule-harness';

/** A week where every rule fires once. */
function week(): RecognitionEvents {
  const t = new RecognitionEvents();
  t.paged('P1', '2026-02-02T10:00:00Z', [who.pagerduty('PCAROL')]);
  t.add('IncidentDeclared', { tool: 'pagerduty', incidentId: 'P1', declaredAt: '2026-02-02T10:00:00Z', title: "Dave's deploy broke checkout" }, '2026-02-02T10:00:00Z');
  t.pageAcknowledged('P1', '2026-02-02T10:02:00Z', who.pagerduty('PCAROL'));
  t.incidentRoleAssigned('P1', '2026-02-02T10:04:00Z', who.slack('UDAVE'));
  t.incidentResolved('P1', '2026-02-02T10:18:00Z');
  t.postmortemPublished('pm1', '2026-02-03T10:00:00Z', 'P1', { authors: [{ personId: 'dave' }, { personId: 'carol' }] });
  t.actionItemCreated('ai1', '2026-02-03T10:00:00Z', { incident: { tool: 'pagerduty', id: 'P1' }, assignee: { personId: 'erin' }, dueAt: '2026-02-10T00:00:00Z' });
  t.actionItemClosed('ai1', '2026-02-04T10:00:00Z');
  t.prOpened(7, '2026-02-04T10:00:00Z', who.github('dave-gh'));
  t.prReviewed(7, '2026-02-04T11:00:00Z', who.github('carol-gh'));
  t.prMerged(7, '2026-02-04T12:00:00Z', '2026-02-04T10:00:00Z', ['deploy/values.yaml']);
  t.shiftCompleted('SOPS', who.pagerduty('PBOB'), 'ON_CALL_ROLE_SHADOW', '2026-02-02T09:00:00Z', '2026-02-06T09:00:00Z', [who.pagerduty('PFRANK')]);
  return t;
}

describe('evaluateRules', () => {
  it('runs every rule, each award once, sorted by time', () => {
    expect(RECOGNITION_RULES.map((rule) => `${rule.id} v${rule.version}`)).toEqual(RULE_IDS.map((id) => `${id} v1`));
    expect(summary(allAwardsOf(week().events))).toEqual([
      'first_responder dave incident:pagerduty:P1',
      'restored_together payments+sre incident:pagerduty:P1',
      'postmortem_partner carol postmortem:incidentio:pm1',
      'postmortem_partner dave postmortem:incidentio:pm1',
      'follow_through erin action_item:incidentio:ai1',
      'bridge_builder carol pull_request:github:acme/checkout:7',
      'infra_contributor dave pull_request:github:acme/checkout:7',
      'shadow_shift bob schedule-pagerduty-SOPS@2026-02-02T09:00:00.000Z',
    ]);
  });

  it('never says who caused an incident: sentences name people recognized, teams and services only', () => {
    for (const award of allAwardsOf(week().events)) expect(award.sentence).not.toMatch(/deploy broke|caused/i);
  });

  it('leaves out rules switched off in tandem.yaml, and people who opted out (team awards stay)', () => {
    const yaml = RECOGNITION_ORGANIZATION_YAML.replace('recognition: { kudosPerDay: 3,', 'recognition: { disabledRules: [first_responder, shadow_shift], kudosPerDay: 3,');
    const optedOut = directoryOf(yaml).apply([{ type: 'RecognitionOptOutChanged', data: { personId: 'dave', optedOut: true, changedBy: 'dave' }, metadata: { occurredAt: '2026-01-01T00:00:00Z' } }]);
    expect(summary(allAwardsOf(week().events, optedOut))).toEqual([
      'restored_together payments+sre incident:pagerduty:P1',
      'postmortem_partner carol postmortem:incidentio:pm1',
      'follow_through erin action_item:incidentio:ai1',
      'bridge_builder carol pull_request:github:acme/checkout:7',
    ]);
  });

  it('is reproducible: evaluated live after each event, then rebuilt from the whole history, it gives the same ids and no more', () => {
    const { events } = week();
    const live = new Map<string, string>();
    for (let count = 1; count <= events.length; count += 1) {
      for (const award of evaluateRules(recognitionModelOf(events.slice(0, count), testDirectory), testDirectory)) if (!live.has(award.recognitionId)) live.set(award.recognitionId, award.ruleId);
    }
    const rebuilt = allAwardsOf(events);
    expect([...live.keys()].sort()).toEqual(rebuilt.map((award) => award.recognitionId).sort());
  });

  it('gives events ready to append: valid RecognitionAwarded, id = recognition id, one stream each', () => {
    for (const award of allAwardsOf(week().events)) {
      const { streamId, event } = awardEvent(award, 'corr-1');
      expect(event).toMatchObject({ eventId: award.recognitionId, type: 'RecognitionAwarded', metadata: { occurredAt: award.awardedAt, source: 'tandem', correlationId: 'corr-1' } });
      expect(event.data).toMatchObject({ recognitionId: award.recognitionId, ruleId: award.ruleId, subjectId: award.subjectId, sentence: award.sentence });
      expect(streamId).toBe(`recognition-${award.recognitionId}`);
    }
  });
});
