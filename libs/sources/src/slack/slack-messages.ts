import { streamFor, type MessagePostedJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { DerivedEvent, Normalization, NormalizerSettings } from '../normalizer';
import { kudosTextOf } from '../shared/kudos';
import { parsePayload, timeAt } from '../shared/payload';
import { fromSlackTs } from '../vendor-time';
import { SLACK, slackBot, slackMentions, slackUser } from './slack-identity';
import { slackMembershipMessage, slackMessageRouting, slackPostedMessage, type SlackPostedMessage } from './slack-payload';

/**
 * `message` subtypes that are someone posting in the channel. `thread_broadcast` is a thread reply
 * also shown in the channel: a reply. `bot_message` (and any message with a `bot_id`) is recorded
 * with a bot identity, so it never counts as a person but a bot's alert can still be the root a
 * person replies to.
 */
const POSTING_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'me_message', 'bot_message']);

const JOIN_SUBTYPES = new Set(['channel_join', 'group_join']);
const LEAVE_SUBTYPES = new Set(['channel_leave', 'group_leave']);

const HOUSEKEEPING =
  'a channel housekeeping notice Slack posts as a message (topic, purpose, name, archive, pins, reminders, bots added), not a conversation';

/** `message` subtypes Tandem knowingly does not use, with the reason. */
const IGNORED_SUBTYPES: Readonly<Record<string, string>> = {
  message_changed:
    'an edit: the post was recorded when it was first sent, an edit does not change who posted when, and its text is not kept',
  message_deleted:
    'a deletion: the canonical contract has no retraction event, so the post recorded when it was sent stands',
  message_replied:
    "Slack's notice to a thread root that it got a reply; the reply itself arrives as its own message event",
  ekm_access_denied: 'content hidden by Enterprise Key Management: nothing readable',
  channel_topic: HOUSEKEEPING,
  channel_purpose: HOUSEKEEPING,
  channel_name: HOUSEKEEPING,
  channel_archive: HOUSEKEEPING,
  channel_unarchive: HOUSEKEEPING,
  channel_convert_to_private: HOUSEKEEPING,
  channel_convert_to_public: HOUSEKEEPING,
  channel_posting_permissions: HOUSEKEEPING,
  group_topic: HOUSEKEEPING,
  group_purpose: HOUSEKEEPING,
  group_name: HOUSEKEEPING,
  group_archive: HOUSEKEEPING,
  group_unarchive: HOUSEKEEPING,
  pinned_item: HOUSEKEEPING,
  unpinned_item: HOUSEKEEPING,
  reminder_add: HOUSEKEEPING,
  bot_add: HOUSEKEEPING,
  bot_remove: HOUSEKEEPING,
};

/** Direct messages (1:1 and group DMs) are never recorded (chat.proto). */
const DIRECT_MESSAGE_CHANNELS = new Set(['im', 'mpim']);

/** `message` events: posts, thread replies, joins and leaves. */
export function normalizeSlackMessage(body: unknown, teamId: string | undefined, settings: NormalizerSettings): Normalization {
  const { subtype, channel_type: channelType } = parsePayload(slackMessageRouting, body, 'slack message').event;
  if (channelType !== undefined && DIRECT_MESSAGE_CHANNELS.has(channelType)) {
    return { outcome: 'ignored', reason: `slack message in a direct conversation (channel_type ${channelType}): direct messages are not recorded` };
  }
  if (subtype === undefined || POSTING_SUBTYPES.has(subtype)) return { outcome: 'events', events: [posted(body, teamId, settings)] };
  if (JOIN_SUBTYPES.has(subtype) || LEAVE_SUBTYPES.has(subtype)) return { outcome: 'events', events: [membership(body, JOIN_SUBTYPES.has(subtype))] };
  const reason = IGNORED_SUBTYPES[subtype];
  if (reason !== undefined) return { outcome: 'ignored', reason: `slack message subtype ${subtype}: ${reason}` };
  throw new NormalizationError('UNKNOWN_EVENT_TYPE', `slack message subtype "${subtype}" is neither handled nor knowingly ignored`);
}

/**
 * `app_mention`: the same message as the `message` event with the same (channel, ts) when the app
 * also subscribes to channel messages. Both become MessagePosted with the same channel and message
 * id but different event ids (Slack gives them different `event_id`s), so readers of MessagePosted
 * must key messages by (tool, channel id, message id), never count events.
 */
export function normalizeSlackAppMention(body: unknown, teamId: string | undefined, settings: NormalizerSettings): Normalization {
  return { outcome: 'events', events: [posted(body, teamId, settings)] };
}

function posted(body: unknown, teamId: string | undefined, settings: NormalizerSettings): DerivedEvent {
  const message = parsePayload(slackPostedMessage, body, 'slack message').event;
  const author = authorOf(message);
  const postedAt = timeAt(fromSlackTs, message.ts, 'event.ts');
  const data: MessagePostedJson = { tool: SLACK, channelId: message.channel, messageId: message.ts, author, postedAt };
  const workspaceId = message.team ?? teamId;
  if (workspaceId !== undefined) data.workspaceId = workspaceId;
  if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
    data.threadRootId = message.thread_ts;
    const rootAuthor = message.parent_user_id ?? message.root?.user;
    if (rootAuthor !== undefined) data.threadRootAuthor = slackUser(rootAuthor);
  }
  const mentions = slackMentions(message.text, message.blocks);
  if (mentions.length > 0) data.mentions = mentions.map(slackUser);
  // Bots never give kudos, so their text is never kept.
  const kudos = author.bot ? undefined : kudosTextOf(message.text, settings.kudosTrigger);
  if (kudos !== undefined) data.kudosText = kudos;
  return { type: 'MessagePosted', streamId: streamFor.channel(SLACK, message.channel), occurredAt: postedAt, data };
}

function authorOf(message: SlackPostedMessage): NonNullable<MessagePostedJson['author']> {
  if (message.bot_id !== undefined || message.subtype === 'bot_message') {
    const bot = slackBot({ user: message.user, botId: message.bot_id, name: message.username ?? message.bot_profile?.name });
    if (bot === undefined) throw new NormalizationError('MALFORMED', 'slack message: event.bot_id: a bot_message names neither a user nor a bot_id');
    return bot;
  }
  if (message.user === undefined) {
    throw new NormalizationError('MALFORMED', 'slack message: event.user: expected a non-empty string (a message without bot_id must name its author)');
  }
  return slackUser(message.user);
}

/** `channel_join` / `channel_leave` messages: the same fact as member_joined/left_channel. */
function membership(body: unknown, joined: boolean): DerivedEvent {
  const event = parsePayload(slackMembershipMessage, body, 'slack message').event;
  const at = timeAt(fromSlackTs, event.ts, 'event.ts');
  const streamId = streamFor.channel(SLACK, event.channel);
  const member = slackUser(event.user);
  if (!joined) return { type: 'ChannelLeft', streamId, occurredAt: at, data: { tool: SLACK, channelId: event.channel, member, leftAt: at } };
  const data = { tool: SLACK, channelId: event.channel, member, joinedAt: at, ...(event.inviter && { invitedBy: slackUser(event.inviter) }) };
  return { type: 'ChannelJoined', streamId, occurredAt: at, data };
}
