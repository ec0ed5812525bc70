import { decideKudos, kudosIdOf, KudosLedger, type KudosContext, type KudosDecision } from '@tandem/recognition';
import { slackMessage, slackReaction, teamsMessage } from '../testing/kudos-requests';
import { BOB_TEAMS_ID, testDirectory } from '../testing/recognition-organization';

const context = (): KudosContext => ({ directory: testDirectory, history: new KudosLedger() });

function given(decision: KudosDecision) {
  if (decision.outcome !== 'given') throw new Error(`expected a kudos, got ${JSON.stringify(decision)}`);
  return decision;
}

describe('kudos from a Slack message', () => {
  it('turns "kudos @bob for … #ownership" into KudosGiven from the author to the mention, ready to append', () => {
    const message = slackMessage('kudos <@U222222222> for fixing the checkout alerts at 3am #ownership');
    const decision = given(decideKudos({ origin: 'message', event: message }, context()));

    const kudosId = kudosIdOf.message('slack', 'C06NRA6JLER', '1719209506.817929');
    expect(decision).toMatchObject({ kudosId, streamId: `recognition-${kudosId}` });
    expect(decision.data).toEqual({
      kudosId,
      fromPersonId: 'megan',
      toPersonIds: ['bob'],
      message: 'fixing the checkout alerts at 3am',
      values: ['ownership'],
      via: 'slack',
      givenAt: '2024-06-24T06:11:46.817Z',
      originMessage: { tool: 'slack', channelId: 'C06NRA6JLER', messageId: '1719209506.817929' },
      originEventId: message.eventId,
    });
    expect(decision.event).toMatchObject({
      eventId: kudosId,
      type: 'KudosGiven',
      metadata: { occurredAt: '2024-06-24T06:11:46.817Z', source: 'tandem', causationId: message.eventId, correlationId: 'corr-Ev079SP4TP1P' },
    });
  });

  it('gives the same kudos id for the same message delivered again, or as app_mention under another event id', () => {
    const text = 'kudos <@U222222222> for the review';
    const first = given(decideKudos({ origin: 'message', event: slackMessage(text) }, context()));
    const again = given(decideKudos({ origin: 'message', event: slackMessage(text, { deliveryId: 'Ev-app-mention' }) }, context()));
    expect(again.event.eventId).toBe(first.event.eventId);
    // Recorded, then decided again (a replay): still given, same id — it does not count against itself.
    const history = new KudosLedger().record(first.data);
    expect(given(decideKudos({ origin: 'message', event: slackMessage(text) }, { directory: testDirectory, history })).kudosId).toBe(first.kudosId);
  });

  it('thanks several people at once, and shows other mentions in the reason by name', () => {
    const decision = given(decideKudos({ origin: 'message', event: slackMessage('kudos <@U222222222> and <@UCAROL>, for pairing with <@UDAVE|dave> on the migration') }, context()));
    expect(decision.data).toMatchObject({ toPersonIds: ['bob', 'carol'], message: 'pairing with @Dave on the migration' });
  });

  it('ignores a message that is not a kudos (no kudos text kept by the normalizer)', () => {
    expect(decideKudos({ origin: 'message', event: slackMessage('thanks <@U222222222>') }, context())).toEqual({ outcome: 'ignored', reason: 'the message carries no kudos text' });
  });
});

describe('kudos from a Teams outgoing-webhook message', () => {
  it('the sample as sent ("<at>Tandem</at> <at>Bob</at> kudos for …") is not a kudos: the trigger must come first', () => {
    expect(decideKudos({ origin: 'message', event: teamsMessage() }, context())).toMatchObject({ outcome: 'ignored' });
  });

  it('"<at>Tandem</at> kudos <at>Bob</at> for …" gives Megan\'s kudos to Bob, resolved by his Teams id', () => {
    const event = teamsMessage('<at>Tandem</at> kudos <at>Bob</at> for staying on the incident call until the rollback was done');
    expect(event.data.mentions).toEqual([{ tool: 'teams', id: BOB_TEAMS_ID, name: 'Bob Example' }]);
    const decision = given(decideKudos({ origin: 'message', event }, context()));
    expect(decision.data).toMatchObject({
      fromPersonId: 'megan',
      toPersonIds: ['bob'],
      message: 'staying on the incident call until the rollback was done',
      via: 'teams',
      givenAt: '2023-11-30T15:00:00.123Z',
    });
  });

  it('pairs several <at> mentions with the mention entities in order', () => {
    const entities = [
      { type: 'mention', mentioned: { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'Tandem' }, text: '<at>Tandem</at>' },
      { type: 'mention', mentioned: { id: BOB_TEAMS_ID, name: 'Bob Example' }, text: '<at>Bob</at>' },
      { type: 'mention', mentioned: { id: '29:someone-else', name: 'Megan Bowen', aadObjectId: '7faf8ab2-3d56-4244-b585-20c8a42ed2b8' }, text: '<at>Megan</at>' },
    ];
    const event = teamsMessage('<at>Tandem</at> kudos <at>Bob</at> for the handover, thanks to <at>Megan</at> too', { entities, from: { id: '29:carol', name: 'Carol', aadObjectId: 'carol-aad' } });
    // Carol's Teams account is not in tandem.yaml: her kudos is refused, naming her account.
    expect(decideKudos({ origin: 'message', event }, context())).toMatchObject({ outcome: 'refused', code: 'UNKNOWN_PERSON' });
    const fromMegan = teamsMessage('<at>Tandem</at> kudos <at>Bob</at> for the handover, thanks to <at>Megan</at> too', { entities });
    expect(given(decideKudos({ origin: 'message', event: fromMegan }, context())).data).toMatchObject({ toPersonIds: ['bob'], message: 'the handover, thanks to @Megan too' });
  });
});

describe('kudos by reaction', () => {
  it('a configured emoji on a message is a kudos from the reactor to the author, keyed by (message, reactor)', () => {
    const reaction = slackReaction('raised_hands::skin-tone-3');
    const decision = given(decideKudos({ origin: 'reaction', event: reaction, channelName: 'incident-42' }, context()));
    expect(decision.kudosId).toBe(kudosIdOf.reaction('slack', 'C123ABC456', '1360782400.498405', { tool: 'slack', id: 'U123ABC456' }));
    expect(decision.data).toMatchObject({
      fromPersonId: 'megan',
      toPersonIds: ['bob'],
      message: 'reacted :raised_hands: to a message in #incident-42',
      via: 'slack',
      givenAt: '2013-02-13T19:13:24.083Z',
      originMessage: { tool: 'slack', channelId: 'C123ABC456', messageId: '1360782400.498405' },
      originEventId: reaction.eventId,
    });
    // Canonical JSON leaves out empty lists: a reaction carries no values.
    expect(decision.data).not.toHaveProperty('values');
  });

  it('takes the reacted message\'s kudos text as the reason when it is one', () => {
    const reactedMessage = slackMessage('kudos <@UCAROL> for the calm incident command', { user: 'U222222222' }).data;
    const decision = given(decideKudos({ origin: 'reaction', event: slackReaction('raised_hands'), reactedMessage }, context()));
    expect(decision.data).toMatchObject({ toPersonIds: ['bob'], message: 'the calm incident command' });
  });

  it('ignores other emoji (the sample\'s :thumbsup:)', () => {
    expect(decideKudos({ origin: 'reaction', event: slackReaction('thumbsup') }, context())).toEqual({
      outcome: 'ignored',
      reason: ':thumbsup: is not a kudos reaction (:raised_hands:)',
    });
  });
});
