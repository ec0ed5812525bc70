import { DEFAULT_NORMALIZER_SETTINGS } from '../normalizer';
import { describeFixtureFolder } from '../shared/testing/fixture-folder';
import { withJsonFields as changed, type Json } from '../shared/testing/mutate-json';
import { fixtureRunner } from '../shared/testing/normalizer-test-kit';
import type { SampleExpectation } from '../shared/testing/outcome';
import { normalizeTeams } from './normalize-teams';

/** As the gateway records a Teams delivery: the Activity id (or a body hash) as delivery id. */
const teams = fixtureRunner({
  dir: 'teams',
  source: 'teams',
  normalizer: normalizeTeams,
  deliveryId: '1701356400123',
  headersFor: () => ({ 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Microsoft-SkypeBotApi (Microsoft-BotFramework/3.0)' }),
});
const { json: fixture, normalize, events, failure } = teams;

const KUDOS = 'handmade__outgoing-webhook_channel-message.kudos';
const CHANNEL = '19:5f3b0e2a9c8d4f6e8a7b1c2d3e4f5a6b@thread.skype';
const TEAM = '19:0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5@thread.skype';
const MEGAN = { tool: 'teams', id: '7faf8ab2-3d56-4244-b585-20c8a42ed2b8', name: 'Megan Bowen' };
const BOB = {
  tool: 'teams',
  id: '29:1bSnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl-3r8b6DoW0QxZimuTxk_kupZ1DBMpvIQQUAZL-PNj0EORDvRZXy8kvWk',
  name: 'Bob Example',
};

/** Samples that are not a whole delivery (the docs show a part of one): MALFORMED, and the reason. */
const FRAGMENTS: Readonly<Record<string, SampleExpectation>> = {
  // One element of a notification batch's value[]; Graph POSTs {value: [...]}.
  'graph-docs__channel-message_created.without-resource-data.item': {
    malformed: /^teams graph notification: value: expected the array of change notifications Graph POSTs \(this is a single notification, not a delivery\)$/,
  },
  // The channelData member of a conversationUpdate activity, without the activity.
  'msteams-docs__channelData_channelCreated.fragment': {
    malformed: /^teams delivery \(a Bot Framework activity or a Graph notification batch\): type: expected string, received undefined$/,
  },
};

describeFixtureFolder(
  'normalizeTeams on every Teams fixture',
  teams,
  {
    atLeast: 6,
    ignoreReason: /^teams \S+/,
    expected: FRAGMENTS,
    redelivered: [
      {
        sample: KUDOS,
        events: 1,
        first: { event: { metadata: { source: 'teams', sourceDeliveryId: '1701356400123', occurredAt: '2023-11-30T15:00:00.123Z' } } },
      },
    ],
  },
  () => {
    it('names every fragment sample among the fragments', () => {
      const fragments = teams.names().filter((name) => name.includes('fragment') || name.endsWith('.item'));
      expect(fragments.filter((name) => FRAGMENTS[name] === undefined)).toEqual([]);
    });
  },
);

describe('Teams outgoing webhook (Bot Framework message activity)', () => {
  it(`${KUDOS}: MessagePosted in the channel by the sender's AAD id at timestamp, Bob mentioned, the webhook's own mention left out`, () => {
    expect(events(fixture(KUDOS))).toEqual([
      {
        type: 'MessagePosted',
        streamId: `channel-teams-${CHANNEL}`,
        occurredAt: '2023-11-30T15:00:00.123Z',
        data: {
          tool: 'teams',
          workspaceId: TEAM,
          channelId: CHANNEL,
          messageId: '1701356400123',
          author: MEGAN,
          postedAt: '2023-11-30T15:00:00.123Z',
          mentions: [BOB],
        },
      },
    ]);
  });

  it(`${KUDOS} is not a kudos as built: after the webhook's mention the text starts with "<at>Bob</at>", not the trigger, so no text is kept`, () => {
    const [event] = events(fixture(KUDOS));
    expect(event.data).not.toHaveProperty('kudosText');
    expect(JSON.stringify(event)).not.toContain('rollback');
  });

  it('"<at>Tandem</at> kudos <at>Bob</at> …" is a kudos: the text after the webhook\'s mention is kept', () => {
    const body = changed(fixture(KUDOS), { text: '<at>Tandem</at> kudos <at>Bob</at> for staying on the incident call until the rollback was done' });
    expect(events(body)[0].data).toMatchObject({
      kudosText: 'kudos <at>Bob</at> for staying on the incident call until the rollback was done',
      mentions: [BOB],
    });
  });

  it('"/kudos" without the webhook mention, and the configured trigger, also count', () => {
    const slash = changed(fixture(KUDOS), { text: '/Kudos <at>Bob</at> thanks' });
    expect(events(slash)[0].data).toMatchObject({ kudosText: '/Kudos <at>Bob</at> thanks' });
    const props = changed(fixture(KUDOS), { text: '<at>Tandem</at> props <at>Bob</at>' });
    expect(events(props, { ...DEFAULT_NORMALIZER_SETTINGS, kudosTrigger: 'props' })[0].data).toMatchObject({ kudosText: 'props <at>Bob</at>' });
    expect(events(props)[0].data).not.toHaveProperty('kudosText');
  });

  it('a reply in a channel thread names its root: conversation.id ";messageid=<root>" or replyToId', () => {
    const base = fixture(KUDOS);
    const conversation = { ...(base.conversation as Json), id: `${CHANNEL};messageid=1701350000000` };
    expect(events(changed(base, { conversation }))[0].data).toMatchObject({ messageId: '1701356400123', threadRootId: '1701350000000' });
    expect(events(changed(base, { replyToId: '1701340000000' }))[0].data).toMatchObject({ threadRootId: '1701340000000' });
  });

  it('timed by localTimestamp (same instant) when timestamp is absent', () => {
    const body = changed(fixture(KUDOS), { timestamp: undefined });
    expect(events(body)[0]).toMatchObject({ occurredAt: '2023-11-30T15:00:00.123Z', data: { postedAt: '2023-11-30T15:00:00.123Z' } });
  });

  it('a sender without aadObjectId keeps its Bot Framework id; a bot sender (28:…) is a bot and gives no kudos', () => {
    const base = fixture(KUDOS);
    const noAad = changed(base, { from: { id: '29:abc', name: 'Guest' } });
    expect(events(noAad)[0].data).toMatchObject({ author: { tool: 'teams', id: '29:abc', name: 'Guest' } });
    const bot = changed(base, { from: { id: '28:some-bot', name: 'Deploy bot' }, text: 'kudos <at>Bob</at>' });
    const [event] = events(bot);
    expect(event.data).toMatchObject({ author: { tool: 'teams', id: '28:some-bot', name: 'Deploy bot', bot: true } });
    expect(event.data).not.toHaveProperty('kudosText');
  });

  it('msteams-docs__bot-activity_message.full-inbound: a personal chat is a direct message, not recorded', () => {
    expect(normalize(fixture('msteams-docs__bot-activity_message.full-inbound'))).toEqual({
      outcome: 'ignored',
      reason: 'teams message in a personal conversation: direct messages are not recorded',
    });
  });

  it('a conversationUpdate (the channelCreated fragment as a whole activity) is ignored', () => {
    const body = { type: 'conversationUpdate', id: 'f:1', timestamp: '2017-02-01T21:10:07.437Z', ...fixture('msteams-docs__channelData_channelCreated.fragment') };
    expect(normalize(body)).toEqual({ outcome: 'ignored', reason: expect.stringMatching(/^teams conversationUpdate activity: team, channel and member housekeeping/) });
  });
});

describe('Teams Graph change notifications', () => {
  it('graph-docs__chatMessage_created.with-resource-data: encrypted, ignored because reading it needs the private key', () => {
    expect(normalize(fixture('graph-docs__chatMessage_created.with-resource-data'))).toEqual({
      outcome: 'ignored',
      reason:
        "teams encrypted graph notification (created of chats('19:8ea0e38b-efb3-4757-924a-5f94061cf8c2_97f62344-57dc-409c-88ad-c4af14158ff5@unq.gbl.spaces')/messages('1612289765949')): " +
        "encrypted Graph notifications need the app's private key; decrypt in the gateway and forward the chatMessage resource",
    });
  });

  it('graph-docs__channel-message_created.without-resource-data.item in its batch: ignored, it names no author or time', () => {
    const body = { value: [fixture('graph-docs__channel-message_created.without-resource-data.item')] };
    expect(normalize(body)).toEqual({
      outcome: 'ignored',
      reason: expect.stringMatching(/^teams graph notification without resource data \(created of teams\('fbe2bf47.*: it names the message but not its author or time/),
    });
  });

  it('a lifecycle notification is subscription upkeep', () => {
    const body = { value: [{ subscriptionId: 's1', lifecycleEvent: 'reauthorizationRequired', resource: 'teams/getAllMessages' }] };
    expect(normalize(body)).toEqual({ outcome: 'ignored', reason: 'teams graph lifecycle notification reauthorizationRequired: subscription upkeep, not a message' });
  });

  it('graph-docs__chatMessage_decrypted-resource: a message in a chat (chatId, no channel) is not recorded', () => {
    expect(normalize(fixture('graph-docs__chatMessage_decrypted-resource'))).toEqual({
      outcome: 'ignored',
      reason: 'teams chatMessage in a chat, not a channel (chat 19:8ea0e38b-efb3-4757-924a-5f94061cf8c2_97f62344-57dc-409c-88ad-c4af14158ff5@unq.gbl.spaces): direct and group chats are not recorded',
    });
  });

  it('the decrypted chatMessage posted in a channel: MessagePosted at createdDateTime by the AAD user', () => {
    const body = changed(fixture('graph-docs__chatMessage_decrypted-resource'), {
      chatId: null,
      channelIdentity: { teamId: 'fbe2bf47-16c8-47cf-b4a5-4b9b187c508b', channelId: '19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2' },
    });
    expect(events(body)).toEqual([
      {
        type: 'MessagePosted',
        streamId: 'channel-teams-19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2',
        occurredAt: '2021-02-02T18:19:52.000Z',
        data: {
          tool: 'teams',
          workspaceId: 'fbe2bf47-16c8-47cf-b4a5-4b9b187c508b',
          channelId: '19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2',
          messageId: '1612289992105',
          author: { tool: 'teams', id: '8ea0e38b-efb3-4757-924a-5f94061cf8c2', name: 'Ramjot Singh' },
          postedAt: '2021-02-02T18:19:52.000Z',
        },
      },
    ]);
    expect(JSON.stringify(events(body))).not.toContain('"test"');
  });

  it('a channel chatMessage reply with an HTML kudos body: thread root, mentioned users, the plain text kept', () => {
    const body = changed(fixture('graph-docs__chatMessage_decrypted-resource'), {
      chatId: null,
      replyToId: '1612289000000',
      channelIdentity: { teamId: 'T1', channelId: 'C1' },
      body: { contentType: 'html', content: '<p>Kudos <at id="0">Bob</at> for the fix &amp; the write-up</p>' },
      mentions: [
        { id: 0, mentionText: 'Bob', mentioned: { user: { id: 'aad-bob', displayName: 'Bob' } } },
        { id: 1, mentionText: 'Bot', mentioned: { application: { id: 'app-1', displayName: 'Bot' } } },
      ],
    });
    expect(events(body)[0].data).toMatchObject({
      threadRootId: '1612289000000',
      mentions: [{ tool: 'teams', id: 'aad-bob', name: 'Bob' }],
      kudosText: 'Kudos Bob for the fix & the write-up',
    });
  });

  it.each([
    ['systemEventMessage', { messageType: 'systemEventMessage' }, /^teams chatMessage of type systemEventMessage: not someone posting$/],
    ['deleted', { deletedDateTime: '2021-02-02T18:30:00Z' }, /^teams chatMessage already deleted/],
  ])('a %s chatMessage is ignored', (_case, changes, reason) => {
    const body = changed(fixture('graph-docs__chatMessage_decrypted-resource'), { ...changes, channelIdentity: { channelId: 'C1' } });
    expect(normalize(body)).toEqual({ outcome: 'ignored', reason: expect.stringMatching(reason) });
  });
});

describe('Teams failures', () => {
  const kudos = fixture(KUDOS);

  it.each([
    ['from dropped', changed(kudos, { from: undefined }), /^teams message activity: from: expected object, received undefined$/],
    ['from.id blank', changed(kudos, { from: { id: '', name: 'x' } }), /^teams message activity: from\.id: expected a non-empty string$/],
    ['id dropped', changed(kudos, { id: undefined }), /^teams message activity: id: expected string, received undefined$/],
    ['conversation.id a number', changed(kudos, { conversation: { id: 42 } }), /^teams message activity: conversation\.id: expected string, received number$/],
    ['both timestamps dropped', changed(kudos, { timestamp: undefined, localTimestamp: undefined }), /^teams message activity: timestamp: expected an ISO-8601 string/],
    ['timestamp unreadable', changed(kudos, { timestamp: 'yesterday' }), /^timestamp: cannot read time "yesterday"/],
    ['a mention without its account', changed(kudos, { entities: [{ type: 'mention', text: '<at>Bob</at>' }] }), /^teams message activity: entities\.0\.mentioned: expected an account/],
    ['an empty notification batch', { value: [] }, /^teams graph notification: value: expected at least one change notification$/],
    ['a chatMessage without createdDateTime', changed(fixture('graph-docs__chatMessage_decrypted-resource'), { createdDateTime: undefined }), /^teams chatMessage: createdDateTime: expected string, received undefined$/],
    [
      'a channel chatMessage from nobody',
      changed(fixture('graph-docs__chatMessage_decrypted-resource'), { channelIdentity: { channelId: 'C1' }, from: null }),
      /^teams chatMessage: from: expected a user or an application$/,
    ],
  ])('%s → MALFORMED naming the field', (_case, body, message) => {
    const error = failure(body);
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(message);
  });

  it('a body that is not JSON is MALFORMED', () => {
    expect(failure('<xml/>')).toMatchObject({ code: 'MALFORMED', message: 'teams delivery body is not JSON' });
  });

  it('an unknown activity type → UNKNOWN_EVENT_TYPE', () => {
    expect(failure(changed(kudos, { type: 'holographicMeeting' }))).toMatchObject({
      code: 'UNKNOWN_EVENT_TYPE',
      message: 'teams activity type "holographicMeeting" is neither handled nor knowingly ignored',
    });
  });
});
