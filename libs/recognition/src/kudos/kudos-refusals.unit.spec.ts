import type { KudosGivenJson } from '@tandem/contracts';
import { decideKudos, kudosIdOf, KudosLedger, type ApiKudosRequest, type KudosContext, type KudosDecision, type KudosRefusalCode } from '@tandem/recognition';
import { slackMessage, slackReaction } from '../testing/kudos-requests';
import { directoryOf, RECOGNITION_ORGANIZATION_YAML, testDirectory } from '../testing/recognition-organization';

const context = (history = new KudosLedger(), directory = testDirectory): KudosContext => ({ directory, history });
const message = (text: string, user?: string) => ({ origin: 'message' as const, event: slackMessage(text, { user }) });

/** Refused with this code and one sentence, and nothing to append. */
function expectRefused(decision: KudosDecision, code: KudosRefusalCode, reason: string | RegExp): void {
  expect(decision).toEqual({ outcome: 'refused', code, reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) });
  expect(decision).not.toHaveProperty('event');
  if (decision.outcome === 'refused') expect(decision.reason).toMatch(/^[^\n]+[.]$/);
}

/** A kudos already given by `from`, as the ledger keeps it. */
function kudos(kudosId: string, from: string, to: string[], givenAt: string): KudosGivenJson {
  return { kudosId, fromPersonId: from, toPersonIds: to, givenAt, via: 'slack', message: 'earlier' };
}

describe('refused chat kudos', () => {
  it('SELF_KUDOS: to oneself, alone or among others', () => {
    expectRefused(decideKudos(message('kudos <@U123ABC456> for being great'), context()), 'SELF_KUDOS', /^You cannot give kudos to yourself\.$/);
    expectRefused(decideKudos(message('kudos <@U123ABC456> <@U222222222> for the fix'), context()), 'SELF_KUDOS', /Give it to Bob alone\.$/);
    const ownMessage = slackReaction('raised_hands', { 'event.item_user': 'U123ABC456' });
    expectRefused(decideKudos({ origin: 'reaction', event: ownMessage }, context()), 'SELF_KUDOS', /yourself/);
  });

  it('BOT: a bot neither gives nor receives kudos', () => {
    expectRefused(decideKudos(message('kudos <@UBOT> for deploying'), context()), 'BOT', '@UBOT (slack UBOT) is a bot; kudos are for people.');
    expectRefused(decideKudos(message('kudos <@U222222222> for the fix', 'UBOT'), context()), 'BOT', /^Bots and integrations cannot give kudos/);
  });

  it('UNKNOWN_PERSON: a mention or a giver linked to nobody, or a reacted message without an author', () => {
    expectRefused(decideKudos(message('kudos <@U999> for the fix'), context()), 'UNKNOWN_PERSON', '@U999 (slack U999) is not linked to anyone in tandem.yaml; link that identity, then give the kudos again.');
    expectRefused(decideKudos(message('kudos <@U222222222> for the fix', 'U777'), context()), 'UNKNOWN_PERSON', 'Your slack account U777 is not linked to anyone in tandem.yaml, so your kudos cannot be recorded.');
    const noAuthor = slackReaction('raised_hands', { 'event.item_user': undefined });
    expectRefused(decideKudos({ origin: 'reaction', event: noAuthor }, context()), 'UNKNOWN_PERSON', /does not know who wrote the message/);
  });

  it('NO_RECIPIENT: nobody mentioned', () => {
    expectRefused(decideKudos(message('kudos for the great release'), context()), 'NO_RECIPIENT', /^Mention who the kudos is for/);
  });

  it('EMPTY_MESSAGE: no reason, only tags, or no words', () => {
    for (const text of ['kudos <@U222222222>', 'kudos <@U222222222> #ownership', 'kudos <@U222222222> for :) !!']) {
      expectRefused(decideKudos(message(text), context()), 'EMPTY_MESSAGE', /^Say what the kudos is for/);
    }
  });

  it('UNKNOWN_VALUE: a #tag the organisation did not configure; with none configured, any tag is a value', () => {
    expectRefused(decideKudos(message('kudos <@U222222222> for the fix #teamspirit'), context()), 'UNKNOWN_VALUE', "#teamspirit is not one of the organisation's values (#ownership, #curiosity).");
    const anyValue = directoryOf(RECOGNITION_ORGANIZATION_YAML.replace(', values: [ownership, curiosity]', ''));
    expect(decideKudos(message('kudos <@U222222222> for the fix #teamspirit'), context(new KudosLedger(), anyValue))).toMatchObject({ outcome: 'given', data: { values: ['teamspirit'] } });
  });
});

describe('DAILY_LIMIT: kudosPerDay (3 here) per giver per calendar day in the organisation\'s zone (Berlin)', () => {
  // The message is posted at 2024-06-24T06:11:46.817Z = 08:11 in Berlin.
  const text = 'kudos <@U222222222> for the fix';
  const earlier = [
    kudos('k-0', 'megan', ['carol'], '2024-06-23T21:30:00.000Z'), // 23:30 on the 23rd in Berlin: another day
    kudos('k-1', 'megan', ['carol'], '2024-06-23T22:30:00.000Z'), // 00:30 on the 24th in Berlin
    kudos('k-2', 'megan', ['dave'], '2024-06-24T05:00:00.000Z'),
  ];

  it('allows the third of the day and refuses the fourth', () => {
    expect(decideKudos(message(text), context(KudosLedger.of(earlier.map((data) => ({ type: 'KudosGiven', data })))))).toMatchObject({ outcome: 'given' });
    const history = new KudosLedger();
    for (const data of [...earlier, kudos('k-3', 'megan', ['erin'], '2024-06-24T06:00:00.000Z')]) history.record(data);
    expectRefused(decideKudos(message(text), context(history)), 'DAILY_LIMIT', 'You have already given 3 kudos today, the most anyone can give in a day (3, counted in Europe/Berlin time); try again tomorrow.');
  });

  it('counts only kudos before this one, so deciding again later (a replay) gives the same answer', () => {
    const history = new KudosLedger();
    for (const data of [...earlier, kudos('k-later', 'megan', ['erin'], '2024-06-24T09:00:00.000Z')]) history.record(data);
    expect(decideKudos(message(text), context(history))).toMatchObject({ outcome: 'given' });
  });
});

describe('SELF_DEALING: a pair whose kudos mostly go to each other', () => {
  const text = 'kudos <@U222222222> for the fix';
  const toBob = ['2024-06-01', '2024-06-10', '2024-06-20'].map((day, index) => kudos(`mb-${index}`, 'megan', ['bob'], `${day}T10:00:00.000Z`));
  const bobToMegan = kudos('bm-0', 'bob', ['megan'], '2024-06-15T10:00:00.000Z');
  const ledger = (records: KudosGivenJson[]) => records.reduce((history, record) => history.record(record), new KudosLedger());

  it('refuses a 4th kudos of 4 to someone who gives kudos back (more than half, within 30 days)', () => {
    expectRefused(
      decideKudos(message(text), context(ledger([...toBob, bobToMegan]))),
      'SELF_DEALING',
      "This would make 4 of your last 4 kudos (30 days) go to Bob, who gives kudos back to you; at most 50% of someone's kudos may go to a person they exchange kudos with.",
    );
  });

  it('allows one-way thanks, a share of at most half, a young history, and exchanges older than the window', () => {
    expect(decideKudos(message(text), context(ledger(toBob)))).toMatchObject({ outcome: 'given' });
    const others = ['carol', 'dave', 'erin', 'frank'].map((to, index) => kudos(`mo-${index}`, 'megan', [to], `2024-06-0${index + 2}T10:00:00.000Z`));
    expect(decideKudos(message(text), context(ledger([...toBob, ...others, bobToMegan])))).toMatchObject({ outcome: 'given' });
    expect(decideKudos(message(text), context(ledger([toBob[2], bobToMegan])))).toMatchObject({ outcome: 'given' });
    const longAgo = kudos('bm-old', 'bob', ['megan'], '2024-05-01T10:00:00.000Z');
    expect(decideKudos(message(text), context(ledger([...toBob, longAgo])))).toMatchObject({ outcome: 'given' });
  });

  it("takes the policy from tandem.yaml's recognition.selfDealing", () => {
    const strict = directoryOf(RECOGNITION_ORGANIZATION_YAML.replace('recognition: {', 'recognition: { selfDealing: { minKudos: 2, windowDays: 60 },'));
    expectRefused(decideKudos(message(text), context(ledger([toBob[2], bobToMegan]), strict)), 'SELF_DEALING', /2 of your last 2 kudos \(60 days\)/);
    const lenient = directoryOf(RECOGNITION_ORGANIZATION_YAML.replace('recognition: {', 'recognition: { selfDealing: { maxShare: 1 },'));
    expect(decideKudos(message(text), context(ledger([...toBob, bobToMegan]), lenient))).toMatchObject({ outcome: 'given' });
  });
});

describe('kudos from the API: giveKudos(to, message, values)', () => {
  const request: ApiKudosRequest = { origin: 'api', requestId: 'req-1', fromPersonId: 'dave', to: ['carol'], message: '  Thanks for the runbook\n review ', values: ['#Ownership'], at: '2026-02-02T10:00:00Z' };

  it('gives a kudos whose id derives from the giver and the request id, so a retry records nothing new', () => {
    const first = decideKudos(request, context());
    expect(first).toMatchObject({
      outcome: 'given',
      kudosId: kudosIdOf.api('dave', 'req-1'),
      data: { fromPersonId: 'dave', toPersonIds: ['carol'], message: 'Thanks for the runbook review', values: ['ownership'], via: 'api', givenAt: '2026-02-02T10:00:00Z' },
      event: { metadata: { source: 'tandem', causationId: 'req-1' } },
    });
    expect(decideKudos({ ...request }, context())).toEqual(first);
    expect(decideKudos({ ...request, requestId: 'req-2' }, context())).toMatchObject({ kudosId: kudosIdOf.api('dave', 'req-2') });
    expect(kudosIdOf.api('dave', 'req-2')).not.toBe(kudosIdOf.api('dave', 'req-1'));
  });

  it('refuses with the same codes as chat', () => {
    expectRefused(decideKudos({ ...request, to: ['nobody'] }, context()), 'UNKNOWN_PERSON', '"nobody" is not a person in tandem.yaml.');
    expectRefused(decideKudos({ ...request, fromPersonId: 'ghost' }, context()), 'UNKNOWN_PERSON', /^You \(ghost\) are not a person/);
    expectRefused(decideKudos({ ...request, to: ['deploybot'] }, context()), 'BOT', 'Deploy Bot is a bot; kudos are for people.');
    expectRefused(decideKudos({ ...request, to: ['dave'] }, context()), 'SELF_KUDOS', /yourself/);
    expectRefused(decideKudos({ ...request, to: [' '] }, context()), 'NO_RECIPIENT', /at least one person/);
    expectRefused(decideKudos({ ...request, message: ' \n ' }, context()), 'EMPTY_MESSAGE', /^Say what the kudos is for/);
    expectRefused(decideKudos({ ...request, values: ['teamspirit'] }, context()), 'UNKNOWN_VALUE', /#teamspirit/);
  });
});
