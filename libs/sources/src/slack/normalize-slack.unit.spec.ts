import { DEFAULT_NORMALIZER_SETTINGS, toCanonicalEvents } from '../normalizer';
import { describeFixtureFolder } from '../shared/testing/fixture-folder';
import type { Json } from '../shared/testing/mutate-json';
import { fixtureRunner } from '../shared/testing/normalizer-test-kit';
import type { SampleExpectation } from '../shared/testing/outcome';
import { normalizeSlack } from './normalize-slack';

/** A delivery as the gateway records it: Slack's headers, the event_id as delivery id. */
const slack = fixtureRunner({
  dir: 'slack',
  source: 'slack',
  normalizer: normalizeSlack,
  deliveryId: 'Ev0000000001',
  headersFor: () => ({
    'content-type': 'application/json',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-slack-request-timestamp': '1719209507',
  }),
});
const { json: fixture, delivery, normalize, events, failure } = slack;

/** A copy of `body` with `event` fields replaced (`undefined` deletes). */
function withEvent(body: Json, changes: Json, top: Json = {}): Json {
  const copy = structuredClone(body);
  const event = copy.event as Json;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete event[key];
    else event[key] = value;
  }
  return { ...copy, ...top };
}

/**
 * The java-slack-sdk samples are Slack's shape-only unions with every value blanked: `type: ""`
 * on the message-family wrappers, `user: ""`, `ts: ""` or the zero ts. Blank values that name the
 * thing itself cannot be empty, so those samples are MALFORMED naming the field; the event types
 * Tandem ignores are ignored before any field is read.
 */
const SHAPE_ONLY_MALFORMED: Readonly<Record<string, SampleExpectation>> = {
  'java-slack-sdk__AppMentionPayload': { malformed: /^slack delivery: type: expected a non-empty string/ },
  'java-slack-sdk__MessagePayload': { malformed: /^slack delivery: type: expected a non-empty string/ },
  'java-slack-sdk__MessageChangedPayload': { malformed: /^slack delivery: type: expected a non-empty string/ },
  'java-slack-sdk__MessageRepliedPayload': { malformed: /^slack delivery: type: expected a non-empty string/ },
  'java-slack-sdk__MessageThreadBroadcastPayload': { malformed: /^slack delivery: type: expected a non-empty string/ },
  'java-slack-sdk__MemberJoinedChannelPayload': { malformed: /event\.user: expected a non-empty string.*event\.event_ts: expected a Slack ts, got the zero placeholder/ },
  'java-slack-sdk__MemberLeftChannelPayload': { malformed: /event\.user: expected a non-empty string.*event\.event_ts: expected a Slack ts, got the zero placeholder/ },
  'java-slack-sdk__ReactionAddedPayload': { malformed: /event\.user: expected a non-empty string; event\.reaction: expected a non-empty string/ },
};

describeFixtureFolder(
  'normalizeSlack on every Slack fixture',
  slack,
  {
    atLeast: 19,
    ignoreReason: /^slack \S+/,
    expected: SHAPE_ONLY_MALFORMED,
    redelivered: [
      { sample: 'zulip__message_with_normal_text', events: 1 },
      { sample: 'docs__app_mention', events: 1 },
      { sample: 'docs__reaction_added', events: 1 },
    ],
  },
  () => {
    it.each([
      ['java-slack-sdk__ChannelArchivePayload', /^slack channel_archive: an archived channel simply stops producing messages/],
      ['java-slack-sdk__ChannelCreatedPayload', /^slack channel_created: .*member_joined_channel/],
      ['java-slack-sdk__ChannelRenamePayload', /^slack channel_rename: channels are keyed by id/],
      ['java-slack-sdk__PinAddedPayload', /^slack pin_added: pins are not a collaboration signal/],
      ['java-slack-sdk__ReactionRemovedPayload', /^slack reaction_removed: the canonical contract has no reaction-removal event/],
      ['java-slack-sdk__SubteamMembersChangedPayload', /^slack subteam_members_changed: Slack user groups are not Tandem teams/],
      ['zulip__challenge_handshake_payload', /^slack url_verification handshake: the gateway echoes the challenge/],
    ])('%s is ignored: %s', (name, reason) => {
      const result = normalize(fixture(name));
      expect(result).toEqual({ outcome: 'ignored', reason: expect.stringMatching(reason) });
    });

    it('zulip__app_rate_limited: ignored with a reason that tells the operator Slack dropped events', () => {
      const result = normalize(fixture('zulip__app_rate_limited'));
      expect(result).toEqual({
        outcome: 'ignored',
        reason:
          'slack app_rate_limited: Slack DROPPED events for workspace T123ABC456 (app A123ABC456) from the minute starting ' +
          '2018-02-12T20:37:00.000Z: the app exceeded 30,000 events per workspace per hour, and the dropped events will not be ' +
          'redelivered, so chat metrics for that hour are incomplete',
      });
    });
  },
);

describe('Slack messages', () => {
  it('zulip__message_with_normal_text: one MessagePosted at the message ts, by its user, without the text', () => {
    const body = fixture('zulip__message_with_normal_text');
    const result = events(body);
    expect(result).toEqual([
      {
        type: 'MessagePosted',
        streamId: 'channel-slack-C06NRA6JLER',
        occurredAt: '2024-06-24T06:11:46.817Z',
        data: {
          tool: 'slack',
          workspaceId: 'T06NRA6HM3P',
          channelId: 'C06NRA6JLER',
          messageId: '1719209506.817929',
          author: { tool: 'slack', id: 'U06NU4E26M9' },
          postedAt: '2024-06-24T06:11:46.817Z',
        },
      },
    ]);
    // Privacy: an ordinary message's text never leaves the normalizer.
    expect(JSON.stringify(result)).not.toContain('normal text message');
  });

  it('docs__app_mention: MessagePosted with the mentioned user parsed from <@U…>, timed by ts (its event_ts has no dot)', () => {
    expect(events(fixture('docs__app_mention'))).toEqual([
      {
        type: 'MessagePosted',
        streamId: 'channel-slack-C123ABC456',
        occurredAt: '2018-01-08T22:12:02.000Z',
        data: {
          tool: 'slack',
          workspaceId: 'T123ABC456',
          channelId: 'C123ABC456',
          messageId: '1515449522.000016',
          author: { tool: 'slack', id: 'U061F7AUR' },
          postedAt: '2018-01-08T22:12:02.000Z',
          mentions: [{ tool: 'slack', id: 'U0LAN0Z89' }],
        },
      },
    ]);
  });

  it('app_mention and message for the same post share (channel, ts) but get different event ids: readers key messages by (channel, ts)', () => {
    const mention = fixture('docs__app_mention');
    const message = withEvent(mention, { type: 'message', event_ts: '1515449522.000016' }, { event_id: 'Ev2' });
    const [fromMention] = toCanonicalEvents(delivery(mention, 'Ev123ABC456'), events(mention));
    const [fromMessage] = toCanonicalEvents(delivery(message, 'Ev2'), events(message));
    expect(fromMention.event.data).toEqual(fromMessage.event.data);
    expect(fromMention.streamId).toBe(fromMessage.streamId);
    expect(fromMention.event.eventId).not.toBe(fromMessage.event.eventId);
  });

  it('a thread reply names the root ts and the root author (parent_user_id)', () => {
    const body = withEvent(fixture('zulip__message_with_normal_text'), { thread_ts: '1719209000.000100', parent_user_id: 'U0ROOT' });
    expect(events(body)[0].data).toMatchObject({ messageId: '1719209506.817929', threadRootId: '1719209000.000100', threadRootAuthor: { tool: 'slack', id: 'U0ROOT' } });
  });

  it('a thread root (thread_ts equal to ts) is not a reply', () => {
    const body = withEvent(fixture('zulip__message_with_normal_text'), { thread_ts: '1719209506.817929' });
    expect(events(body)[0].data).not.toHaveProperty('threadRootId');
  });

  it('mentions come from the text and from rich_text user elements, once each, in order', () => {
    const body = withEvent(fixture('zulip__message_with_normal_text'), {
      text: 'ping <@U0AAA> and <@U0BBB|bob> and <!here> <!subteam^S0TEAM>',
      blocks: [
        {
          type: 'rich_text',
          elements: [
            { type: 'rich_text_section', elements: [{ type: 'user', user_id: 'U0BBB' }, { type: 'text', text: ' hi ' }] },
            { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: 'U0CCC' }] }] },
          ],
        },
        { type: 'section', text: { type: 'mrkdwn', text: '<@U0IGNORED>' } },
      ],
    });
    expect(events(body)[0].data).toMatchObject({
      mentions: [
        { tool: 'slack', id: 'U0AAA' },
        { tool: 'slack', id: 'U0BBB' },
        { tool: 'slack', id: 'U0CCC' },
      ],
    });
  });

  describe('kudos', () => {
    const base = fixture('zulip__message_with_normal_text');

    it.each([
      ['kudos <@U0BOB> for the rollback', 'kudos <@U0BOB> for the rollback'],
      ['  Kudos <@U0BOB> for the rollback  ', 'Kudos <@U0BOB> for the rollback'],
      ['/KUDOS <@U0BOB> thanks!', '/KUDOS <@U0BOB> thanks!'],
      ['kudos! <@U0BOB>', 'kudos! <@U0BOB>'],
    ])('%j is a kudos: its text is kept', (text, kept) => {
      const [event] = events(withEvent(base, { text }));
      expect(event.data).toMatchObject({ kudosText: kept, mentions: [{ tool: 'slack', id: 'U0BOB' }] });
    });

    it.each(['kudosify <@U0BOB>', 'great work, kudos <@U0BOB>', '<@U0BOB> kudos', '', 'kudo <@U0BOB>'])('%j is not a kudos: no text kept', (text) => {
      const [event] = events(withEvent(base, { text }));
      expect(event.data).not.toHaveProperty('kudosText');
      expect(JSON.stringify(event)).not.toContain('kudo');
    });

    it('uses the configured trigger word', () => {
      const settings = { ...DEFAULT_NORMALIZER_SETTINGS, kudosTrigger: 'props' };
      expect(events(withEvent(base, { text: 'props <@U0BOB>' }), settings)[0].data).toMatchObject({ kudosText: 'props <@U0BOB>' });
      expect(events(withEvent(base, { text: 'kudos <@U0BOB>' }), settings)[0].data).not.toHaveProperty('kudosText');
    });

    it('a bot never gives kudos: its text is not kept', () => {
      const body = withEvent(base, { subtype: 'bot_message', bot_id: 'B0BOT', user: undefined, text: 'kudos <@U0BOB>' });
      expect(events(body)[0].data).not.toHaveProperty('kudosText');
    });
  });

  it('a bot_message is recorded with a bot identity (bot id, its name) so it never counts as a person', () => {
    const body = withEvent(fixture('zulip__message_with_normal_text'), { subtype: 'bot_message', bot_id: 'B0PD', username: 'PagerDuty', user: undefined });
    expect(events(body)[0].data).toMatchObject({ author: { tool: 'slack', id: 'B0PD', name: 'PagerDuty', bot: true } });
  });

  it('an app posting as its bot user (user and bot_id) is a bot under its user id', () => {
    const body = withEvent(fixture('zulip__message_with_normal_text'), { bot_id: 'B0APP', bot_profile: { name: 'Deploy bot' } });
    expect(events(body)[0].data).toMatchObject({ author: { tool: 'slack', id: 'U06NU4E26M9', name: 'Deploy bot', bot: true } });
  });

  it('thread_broadcast is a reply; its root author comes from root.user when parent_user_id is absent', () => {
    const shape = fixture('java-slack-sdk__MessageThreadBroadcastPayload');
    const body = withEvent(
      shape,
      { user: 'U0REPLY', channel: 'C0INC', ts: '1700000100.000200', thread_ts: '1700000000.000100', event_ts: '1700000100.000200', text: 'rolled back', blocks: [], channel_type: 'channel', root: { user: 'U0ROOT' } },
      { type: 'event_callback', team_id: 'T0ACME' },
    );
    expect(events(body)).toEqual([
      {
        type: 'MessagePosted',
        streamId: 'channel-slack-C0INC',
        occurredAt: '2023-11-14T22:15:00.000Z',
        data: {
          tool: 'slack',
          workspaceId: 'T0ACME',
          channelId: 'C0INC',
          messageId: '1700000100.000200',
          threadRootId: '1700000000.000100',
          threadRootAuthor: { tool: 'slack', id: 'U0ROOT' },
          author: { tool: 'slack', id: 'U0REPLY' },
          postedAt: '2023-11-14T22:15:00.000Z',
        },
      },
    ]);
  });

  it('the java-slack-sdk MessagePayload with its wrapper type set: a blank ts is MALFORMED naming event.ts', () => {
    const error = failure({ ...fixture('java-slack-sdk__MessagePayload'), type: 'event_callback' });
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/^slack message: event\.channel: expected a non-empty string; event\.ts: expected a Slack ts/);
  });

  it('the java-slack-sdk MessagePayload with values: a blank bot_id, thread_ts or parent_user_id reads as absent', () => {
    const body = withEvent(fixture('java-slack-sdk__MessagePayload'), { user: 'U0ANA', channel: 'C0OPS', ts: '1700000000.000100', team: 'T0ACME' }, { type: 'event_callback' });
    expect(events(body)[0].data).toEqual({
      tool: 'slack',
      workspaceId: 'T0ACME',
      channelId: 'C0OPS',
      messageId: '1700000000.000100',
      author: { tool: 'slack', id: 'U0ANA' },
      postedAt: '2023-11-14T22:13:20.000Z',
    });
  });

  it.each([
    ['java-slack-sdk__MessageChangedPayload', /^slack message subtype message_changed: an edit/],
    ['java-slack-sdk__MessageRepliedPayload', /^slack message subtype message_replied: Slack's notice to a thread root/],
  ])('%s (wrapper type set) is ignored: %s', (name, reason) => {
    const result = normalize({ ...fixture(name), type: 'event_callback' });
    expect(result).toEqual({ outcome: 'ignored', reason: expect.stringMatching(reason) });
  });

  it.each([
    ['message_deleted', /a deletion: the canonical contract has no retraction event/],
    ['channel_topic', /channel housekeeping notice/],
    ['pinned_item', /channel housekeeping notice/],
  ])('subtype %s is ignored: %s', (subtype, reason) => {
    const result = normalize(withEvent(fixture('zulip__message_with_normal_text'), { subtype }));
    expect(result).toEqual({ outcome: 'ignored', reason: expect.stringMatching(reason) });
  });

  it.each(['im', 'mpim'])('a direct message (channel_type %s) is not recorded', (channelType) => {
    const result = normalize(withEvent(fixture('zulip__message_with_normal_text'), { channel_type: channelType }));
    expect(result).toEqual({ outcome: 'ignored', reason: `slack message in a direct conversation (channel_type ${channelType}): direct messages are not recorded` });
  });

  it('channel_join and channel_leave messages are membership changes at the message ts', () => {
    const base = fixture('zulip__message_with_normal_text');
    expect(events(withEvent(base, { subtype: 'channel_join', inviter: 'U0LEAD' }))).toEqual([
      {
        type: 'ChannelJoined',
        streamId: 'channel-slack-C06NRA6JLER',
        occurredAt: '2024-06-24T06:11:46.817Z',
        data: { tool: 'slack', channelId: 'C06NRA6JLER', member: { tool: 'slack', id: 'U06NU4E26M9' }, invitedBy: { tool: 'slack', id: 'U0LEAD' }, joinedAt: '2024-06-24T06:11:46.817Z' },
      },
    ]);
    expect(events(withEvent(base, { subtype: 'channel_leave' }))).toEqual([
      {
        type: 'ChannelLeft',
        streamId: 'channel-slack-C06NRA6JLER',
        occurredAt: '2024-06-24T06:11:46.817Z',
        data: { tool: 'slack', channelId: 'C06NRA6JLER', member: { tool: 'slack', id: 'U06NU4E26M9' }, leftAt: '2024-06-24T06:11:46.817Z' },
      },
    ]);
  });
});

describe('Slack reactions and channel membership', () => {
  it('docs__reaction_added: ReactionAdded by the reactor on the author’s message at event_ts', () => {
    expect(events(fixture('docs__reaction_added'))).toEqual([
      {
        type: 'ReactionAdded',
        streamId: 'channel-slack-C123ABC456',
        occurredAt: '2013-02-13T19:13:24.083Z',
        data: {
          tool: 'slack',
          channelId: 'C123ABC456',
          messageId: '1360782400.498405',
          reactor: { tool: 'slack', id: 'U123ABC456' },
          messageAuthor: { tool: 'slack', id: 'U222222222' },
          emoji: 'thumbsup',
          reactedAt: '2013-02-13T19:13:24.083Z',
        },
      },
    ]);
  });

  it('the skin tone is not part of the emoji (a kudos reaction matches whatever the tone)', () => {
    const body = withEvent(fixture('docs__reaction_added'), { reaction: 'raised_hands::skin-tone-4' });
    expect(events(body)[0].data).toMatchObject({ emoji: 'raised_hands' });
  });

  it('a reaction to a file is ignored', () => {
    const body = withEvent(fixture('docs__reaction_added'), { item: { type: 'file', file: 'F0FILE' } });
    expect(normalize(body)).toEqual({ outcome: 'ignored', reason: 'slack reaction_added on a file, not a message: reactions count on messages only' });
  });

  it('the java-slack-sdk ReactionAddedPayload with values: a blank item_user reads as absent', () => {
    const body = withEvent(fixture('java-slack-sdk__ReactionAddedPayload'), {
      user: 'U0ANA',
      reaction: 'raised_hands',
      item: { type: 'message', channel: 'C0OPS', ts: '1700000000.000100' },
      event_ts: '1700000300.000400',
    });
    expect(events(body)[0]).toMatchObject({
      streamId: 'channel-slack-C0OPS',
      occurredAt: '2023-11-14T22:18:20.000Z',
      data: { reactor: { tool: 'slack', id: 'U0ANA' }, emoji: 'raised_hands', messageId: '1700000000.000100' },
    });
    expect(events(body)[0].data).not.toHaveProperty('messageAuthor');
  });

  it('member_joined_channel (java-slack-sdk shape with values): ChannelJoined with the inviter at event_ts', () => {
    const body = withEvent(fixture('java-slack-sdk__MemberJoinedChannelPayload'), { user: 'U0DEV', channel: 'C0INC', inviter: 'U0OPS', event_ts: '1700000000.000100' });
    expect(events(body)).toEqual([
      {
        type: 'ChannelJoined',
        streamId: 'channel-slack-C0INC',
        occurredAt: '2023-11-14T22:13:20.000Z',
        data: { tool: 'slack', channelId: 'C0INC', member: { tool: 'slack', id: 'U0DEV' }, invitedBy: { tool: 'slack', id: 'U0OPS' }, joinedAt: '2023-11-14T22:13:20.000Z' },
      },
    ]);
  });

  it('member_left_channel (java-slack-sdk shape with values): ChannelLeft at event_ts', () => {
    const body = withEvent(fixture('java-slack-sdk__MemberLeftChannelPayload'), { user: 'U0DEV', channel: 'C0INC', event_ts: '1700000000.000100' });
    expect(events(body)).toEqual([
      {
        type: 'ChannelLeft',
        streamId: 'channel-slack-C0INC',
        occurredAt: '2023-11-14T22:13:20.000Z',
        data: { tool: 'slack', channelId: 'C0INC', member: { tool: 'slack', id: 'U0DEV' }, leftAt: '2023-11-14T22:13:20.000Z' },
      },
    ]);
  });
});

describe('Slack failures', () => {
  const message = fixture('zulip__message_with_normal_text');

  it.each([
    ['event.channel dropped', withEvent(message, { channel: undefined }), /^slack message: event\.channel: expected string, received undefined$/],
    ['event.ts a number', withEvent(message, { ts: 1719209506.817929 }), /^slack message: event\.ts: expected string, received number$/],
    ['event.ts without a dot', withEvent(message, { ts: '1719209506817929' }), /^slack message: event\.ts: expected a Slack ts/],
    ['event.user dropped', withEvent(message, { user: undefined }), /^slack message: event\.user: expected a non-empty string \(a message without bot_id must name its author\)$/],
    ['event.user blank', withEvent(message, { user: '' }), /event\.user: expected a non-empty string/],
    ['event.thread_ts not a ts', withEvent(message, { thread_ts: 'yesterday' }), /^slack message: event\.thread_ts: expected a Slack ts/],
    ['event.blocks an object', withEvent(message, { blocks: {} }), /^slack message: event\.blocks: expected array, received object$/],
    ['event.type dropped', withEvent(message, { type: undefined }), /^slack event_callback: event\.type: expected string, received undefined$/],
    ['event dropped', { ...message, event: undefined }, /^slack event_callback: event: expected object, received undefined$/],
    ['the wrapper type dropped', { ...message, type: undefined }, /^slack delivery: type: expected string, received undefined$/],
    ['reaction item.ts dropped', withEvent(fixture('docs__reaction_added'), { item: { type: 'message', channel: 'C1' } }), /^slack reaction_added: event\.item\.ts: expected a non-empty string/],
    ['reaction event_ts dropped', withEvent(fixture('docs__reaction_added'), { event_ts: undefined }), /^slack reaction_added: event\.event_ts: expected string, received undefined$/],
  ])('%s → MALFORMED naming the field', (_case, body, message) => {
    const error = failure(body);
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(message);
  });

  it('a body that is not JSON is MALFORMED', () => {
    expect(failure('{"type": "event_callback"')).toMatchObject({ code: 'MALFORMED', message: 'slack delivery body is not JSON' });
  });

  it.each([
    ['an unknown event type', withEvent(message, { type: 'workflow_step_execute' }), 'slack event type "workflow_step_execute" is neither handled nor knowingly ignored'],
    ['an unknown message subtype', withEvent(message, { subtype: 'huddle_thread_v9' }), 'slack message subtype "huddle_thread_v9" is neither handled nor knowingly ignored'],
    ['an unknown wrapper type', { ...message, type: 'block_actions' }, 'slack delivery type "block_actions" is neither handled nor knowingly ignored'],
  ])('%s → UNKNOWN_EVENT_TYPE', (_case, body, text) => {
    expect(failure(body)).toMatchObject({ code: 'UNKNOWN_EVENT_TYPE', message: text });
  });
});

describe('Slack canonical events', () => {
  it('a kudos keeps its text through validation', () => {
    const body = withEvent(fixture('zulip__message_with_normal_text'), { text: 'kudos <@U0BOB> for the fix' });
    const [{ event }] = toCanonicalEvents(delivery(body), events(body));
    expect(event.data).toMatchObject({ kudosText: 'kudos <@U0BOB> for the fix', mentions: [{ tool: 'slack', id: 'U0BOB' }] });
  });
});
