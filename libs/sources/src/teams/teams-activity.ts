import { streamFor, type ExternalIdentityJson, type MessagePostedJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { Normalization, NormalizerSettings } from '../normalizer';
import { kudosTextOf } from '../shared/kudos';
import { parsePayload, timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { TEAMS, teamsAccountIdentity } from './teams-identity';
import { teamsMessageActivity, type TeamsMessageActivity } from './teams-payload';

const BOT_PROTOCOL = 'Bot Framework protocol traffic that carries no collaboration fact';

/**
 * Activity types Tandem knowingly does not use. An outgoing webhook only ever POSTs `message`
 * activities; the others reach full bots, and are named here so that a Teams app registered as a bot
 * does not dead-letter its housekeeping.
 */
export const IGNORED_ACTIVITY_TYPES: Readonly<Record<string, string>> = {
  conversationUpdate:
    'team, channel and member housekeeping sent to bots (outgoing webhooks never receive it); Teams channel membership is not tracked',
  messageReaction:
    "sent to bots only, and without the reacted message's author, so it cannot recognize anyone",
  messageUpdate: 'an edit: the post was recorded when it was first sent, and its text is not kept',
  messageDelete: 'a deletion: the canonical contract has no retraction event, so the recorded post stands',
  installationUpdate: BOT_PROTOCOL,
  typing: BOT_PROTOCOL,
  invoke: BOT_PROTOCOL,
  event: BOT_PROTOCOL,
  endOfConversation: BOT_PROTOCOL,
  trace: BOT_PROTOCOL,
};

/** 1:1 and group chats are direct messages, which are never recorded (chat.proto). */
const DIRECT_CONVERSATIONS = new Set(['personal', 'groupChat']);

/**
 * A `message` Activity from a Teams outgoing webhook: someone @mentioned the webhook in a channel.
 * MessagePosted in that channel; the text is kept only when, after the webhook's own leading
 * @mention, it starts with the kudos trigger.
 */
export function normalizeTeamsMessageActivity(body: unknown, settings: NormalizerSettings): Normalization {
  const activity = parsePayload(teamsMessageActivity, body, 'teams message activity');
  const conversationType = activity.conversation.conversationType;
  if (conversationType !== undefined && DIRECT_CONVERSATIONS.has(conversationType)) {
    return { outcome: 'ignored', reason: `teams message in a ${conversationType} conversation: direct messages are not recorded` };
  }
  const [conversationChannel, rootMessageId] = activity.conversation.id.split(';messageid=');
  const channelId =
    activity.channelData?.teamsChannelId ??
    activity.channelData?.channel?.id ??
    (conversationType === 'channel' ? conversationChannel : undefined);
  if (channelId === undefined) {
    return { outcome: 'ignored', reason: 'teams message outside a channel (no channelData.teamsChannelId): only channel messages are recorded' };
  }
  const postedAt = postedAtOf(activity);
  const author = teamsAccountIdentity(activity.from);
  const data: MessagePostedJson = { tool: TEAMS, channelId, messageId: activity.id, author, postedAt };
  const workspaceId = activity.channelData?.teamsTeamId ?? activity.channelData?.team?.id;
  if (workspaceId !== undefined) data.workspaceId = workspaceId;
  // A channel conversation id ends in `;messageid=<thread root>`; a new post is its own root.
  const threadRootId = activity.replyToId ?? (rootMessageId !== undefined && rootMessageId !== activity.id ? rootMessageId : undefined);
  if (threadRootId !== undefined) data.threadRootId = threadRootId;
  const mentions = mentionsOf(activity);
  if (mentions.length > 0) data.mentions = mentions;
  const kudos = author.bot ? undefined : kudosTextOf(withoutOwnMention(activity), settings.kudosTrigger);
  if (kudos !== undefined) data.kudosText = kudos;
  return { outcome: 'events', events: [{ type: 'MessagePosted', streamId: streamFor.channel(TEAMS, channelId), occurredAt: postedAt, data }] };
}

/** `timestamp` is UTC; `localTimestamp` (with the sender's offset) is the same instant. */
function postedAtOf(activity: TeamsMessageActivity): string {
  if (activity.timestamp) return timeAt(fromIsoTime, activity.timestamp, 'timestamp');
  if (activity.localTimestamp) return timeAt(fromIsoTime, activity.localTimestamp, 'localTimestamp');
  throw new NormalizationError('MALFORMED', 'teams message activity: timestamp: expected an ISO-8601 string (or localTimestamp)');
}

/**
 * People @mentioned in the message, in order, once each. The outgoing webhook's own mention (the
 * recipient) is how it is invoked, not a mention of anyone, so it is left out.
 */
function mentionsOf(activity: TeamsMessageActivity): ExternalIdentityJson[] {
  const seen = new Set<string>();
  const mentions: ExternalIdentityJson[] = [];
  for (const [index, entity] of (activity.entities ?? []).entries()) {
    if (entity.type !== 'mention') continue;
    if (!entity.mentioned) {
      throw new NormalizationError('MALFORMED', `teams message activity: entities.${index}.mentioned: expected an account on a mention entity`);
    }
    if (entity.mentioned.id === activity.recipient?.id) continue;
    const identity = teamsAccountIdentity(entity.mentioned);
    if (seen.has(identity.id ?? '')) continue;
    seen.add(identity.id ?? '');
    mentions.push(identity);
  }
  return mentions;
}

/**
 * The text without the leading `<at>…</at>` that invoked the outgoing webhook: the mention entity
 * whose account is the recipient, or `<at>recipient name</at>`.
 */
function withoutOwnMention(activity: TeamsMessageActivity): string | undefined {
  const text = activity.text?.trimStart();
  const recipient = activity.recipient;
  if (!text || !recipient) return text;
  const ownMentions = (activity.entities ?? [])
    .filter((entity) => entity.type === 'mention' && entity.mentioned?.id === recipient.id && entity.text)
    .map((entity) => entity.text ?? '');
  if (recipient.name !== undefined) ownMentions.push(`<at>${recipient.name}</at>`);
  const own = ownMentions.find((mention) => text.startsWith(mention));
  return own === undefined ? text : text.slice(own.length);
}
