import type { KudosGivenJson, RecognitionAwardedJson } from '@tandem/contracts';
import { awardEvent, decideKudos, feedOf, feedSentence, KudosLedger, recognitionIdOf, suppressSmallTeams, teamTotals, type Award } from '@tandem/recognition';
import { slackMessage } from '../testing/kudos-requests';
import { deliveredTwiceShuffled } from '../testing/recognition-events';
import { testDirectory } from '../testing/recognition-organization';

function award(ruleId: string, who: { person?: string; teams?: string[] }, subjectId: string, awardedAt: string): Award {
  return {
    recognitionId: recognitionIdOf(ruleId, who.person ?? 'teams', subjectId),
    ruleId,
    ruleVersion: 1,
    personIds: who.person ? [who.person] : [],
    teamSlugs: who.teams ?? [],
    subjectId,
    evidenceEventIds: ['00000000-0000-4000-8000-000000000001'],
    sentence: `${ruleId} sentence`,
    awardedAt,
  };
}

const kudos = (() => {
  const decision = decideKudos({ origin: 'message', event: slackMessage('kudos <@U222222222> and <@UDAVE> for the migration #ownership') }, { directory: testDirectory, history: new KudosLedger() });
  if (decision.outcome !== 'given') throw new Error('expected a kudos');
  return decision;
})();

const awards = [
  award('first_responder', { person: 'dave' }, 'incident:pagerduty:P1', '2024-06-20T10:04:00.000Z'),
  award('restored_together', { teams: ['payments', 'sre'] }, 'incident:pagerduty:P1', '2024-06-20T10:18:00.000Z'),
  award('bridge_builder', { person: 'carol' }, 'pull_request:github:acme/checkout:7', '2024-06-25T11:00:00.000Z'),
  award('follow_through', { person: 'olga' }, 'action_item:incidentio:ai1', '2024-06-26T10:00:00.000Z'), // olga opted out
];
const events = [{ type: 'KudosGiven' as const, data: kudos.data }, ...awards.map((each) => awardEvent(each).event), { type: 'MessagePosted' as const, data: {} }];

describe('the recognition feed', () => {
  it('lists kudos and recognitions newest first, each once, with people, teams and what they are for', () => {
    const feed = feedOf(deliveredTwiceShuffled(events), testDirectory);
    expect(feed.map((item) => [item.kind, item.rule ?? item.from, item.occurredAt])).toEqual([
      ['AUTOMATIC', 'bridge_builder', '2024-06-25T11:00:00Z'],
      ['KUDOS', 'megan', '2024-06-24T06:11:46.817Z'],
      ['AUTOMATIC', 'restored_together', '2024-06-20T10:18:00Z'],
      ['AUTOMATIC', 'first_responder', '2024-06-20T10:04:00Z'],
    ]);
    expect(feed[1]).toEqual({
      id: kudos.kudosId,
      kind: 'KUDOS',
      from: 'megan',
      to: ['bob', 'dave'],
      teams: ['payments', 'sre', 'web'],
      message: 'the migration',
      values: ['ownership'],
      occurredAt: '2024-06-24T06:11:46.817Z',
      evidence: {},
    });
    expect(feed[0]).toMatchObject({ kind: 'AUTOMATIC', rule: 'bridge_builder', ruleVersion: 1, to: ['carol'], teams: ['sre'], message: 'bridge_builder sentence', evidence: { pullRequest: 'pull_request:github:acme/checkout:7' } });
    expect(feed[2]).toMatchObject({ to: [], teams: ['payments', 'sre'], evidence: { incident: 'incident:pagerduty:P1' } });
  });

  it('reads each item as one sentence: the rule\'s, or who thanked whom and why', () => {
    const feed = feedOf(events, testDirectory);
    expect(feed.map((item) => feedSentence(item, testDirectory))).toEqual([
      'bridge_builder sentence',
      'Kudos from Megan to Bob and Dave: the migration',
      'restored_together sentence',
      'first_responder sentence',
    ]);
  });

  it('filters by team, person (giver or recipient) and since', () => {
    const ids = (filter: Parameters<typeof feedOf>[2]) => feedOf(events, testDirectory, filter).map((item) => item.rule ?? 'kudos');
    expect(ids({ team: 'payments' })).toEqual(['kudos', 'restored_together', 'first_responder']);
    expect(ids({ person: 'megan' })).toEqual(['kudos']);
    expect(ids({ person: 'dave', since: '2024-06-21T00:00:00Z' })).toEqual(['kudos']);
  });
});

describe('teamTotals', () => {
  const june = { from: '2024-06-01T00:00:00Z', to: '2024-07-01T00:00:00Z' };
  const awardData = awards as RecognitionAwardedJson[];

  it('counts per team only (no individual ranking), each item once, by slug', () => {
    const totals = teamTotals([...awardData, ...awardData], [kudos.data, kudos.data], testDirectory, june);
    expect(totals).toEqual([
      { team: 'payments', kudosReceived: 1, kudosGiven: 0, automaticRecognitions: 1, teamRecognitions: 1 },
      { team: 'platform', kudosReceived: 0, kudosGiven: 0, automaticRecognitions: 0, teamRecognitions: 0 },
      { team: 'sre', kudosReceived: 0, kudosGiven: 1, automaticRecognitions: 1, teamRecognitions: 1 },
      { team: 'web', kudosReceived: 1, kudosGiven: 0, automaticRecognitions: 0, teamRecognitions: 0 },
    ]);
    for (const total of totals) expect(Object.keys(total)).not.toContain('person');
  });

  it('keeps to the window', () => {
    const late = teamTotals(awardData, [kudos.data as KudosGivenJson], testDirectory, { from: '2024-06-21T00:00:00Z', to: '2024-07-01T00:00:00Z' });
    expect(late.find((total) => total.team === 'payments')).toEqual({ team: 'payments', kudosReceived: 1, kudosGiven: 0, automaticRecognitions: 0, teamRecognitions: 0 });
  });

  it('shows no counts for a team below minGroupSize at the end of the window (web and platform have one member)', () => {
    const shown = suppressSmallTeams(teamTotals(awardData, [kudos.data], testDirectory, june), testDirectory, june);
    expect(shown).toEqual([
      { team: 'payments', suppressed: false, kudosReceived: 1, kudosGiven: 0, automaticRecognitions: 1, teamRecognitions: 1 },
      { team: 'platform', suppressed: true, kudosReceived: null, kudosGiven: null, automaticRecognitions: null, teamRecognitions: null },
      { team: 'sre', suppressed: false, kudosReceived: 0, kudosGiven: 1, automaticRecognitions: 1, teamRecognitions: 1 },
      { team: 'web', suppressed: true, kudosReceived: null, kudosGiven: null, automaticRecognitions: null, teamRecognitions: null },
    ]);
    const beforeAnyone = { from: '2022-01-01T00:00:00Z', to: '2022-02-01T00:00:00Z' };
    expect(suppressSmallTeams(teamTotals([], [], testDirectory, beforeAnyone), testDirectory, beforeAnyone).every((total) => total.suppressed)).toBe(true);
  });
});
