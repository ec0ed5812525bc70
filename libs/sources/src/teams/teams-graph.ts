import { streamFor, type ExternalIdentityJson, type MessagePostedJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { Normalization, NormalizerSettings } from '../normalizer';
import { kudosTextOf } from '../shared/kudos';
import { parsePayload, timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { graphIdentity, TEAMS } from './teams-identity';
import { graphChatMessage, graphNotificationBatch, type GraphChatMessage } from './teams-payload';

/**
 * A Graph change-notification batch. None of its notifications can be read by a pure normalizer:
 * - with resource data, the chatMessage is in `encryptedContent`, encrypted for the app's
 *   certificate: decrypting needs the app's private key (the gateway would decrypt and forward the
 *   chatMessage resource, which this normalizer reads);
 * - without resource data, the notification names the message but not its author or time, and
 *   normalizers do not call Graph;
 * - lifecycle notifications are about the subscription itself.
 */
export function normalizeGraphNotifications(body: unknown): Normalization {
  const { value } = parsePayload(graphNotificationBatch, body, 'teams graph notification');
  const reasons = value.map((notification) => {
    const about = `${notification.changeType ?? 'change'} of ${notification.resource ?? 'a resource'}`;
    if (notification.lifecycleEvent !== undefined) {
      return `graph lifecycle notification ${notification.lifecycleEvent}: subscription upkeep, not a message`;
    }
    if (notification.encryptedContent) {
      return `encrypted graph notification (${about}): encrypted Graph notifications need the app's private key; decrypt in the gateway and forward the chatMessage resource`;
    }
    return `graph notification without resource data (${about}): it names the message but not its author or time, and normalizers do not call Graph`;
  });
  return { outcome: 'ignored', reason: `teams ${[...new Set(reasons)].join('; ')}` };
}

/** Graph message types that are not someone posting (system events, typing, …). */
const POSTED_MESSAGE_TYPE = 'message';

/**
 * A chatMessage resource (a decrypted Graph notification): a message posted in a team channel
 * becomes MessagePosted; chats (1:1, group, meeting) are direct messages and are not recorded.
 */
export function normalizeGraphChatMessage(body: unknown, settings: NormalizerSettings): Normalization {
  const message = parsePayload(graphChatMessage, body, 'teams chatMessage');
  if (message.messageType !== POSTED_MESSAGE_TYPE) {
    return { outcome: 'ignored', reason: `teams chatMessage of type ${message.messageType}: not someone posting` };
  }
  if (message.deletedDateTime) {
    return { outcome: 'ignored', reason: 'teams chatMessage already deleted: the canonical contract has no retraction event' };
  }
  const channel = message.channelIdentity;
  if (!channel) {
    const where = message.chatId === undefined ? 'no channelIdentity' : `chat ${message.chatId}`;
    return { outcome: 'ignored', reason: `teams chatMessage in a chat, not a channel (${where}): direct and group chats are not recorded` };
  }
  const author = authorOf(message);
  const postedAt = timeAt(fromIsoTime, message.createdDateTime, 'createdDateTime');
  const data: MessagePostedJson = { tool: TEAMS, channelId: channel.channelId, messageId: message.id, author, postedAt };
  if (channel.teamId !== undefined) data.workspaceId = channel.teamId;
  if (message.replyToId !== undefined) data.threadRootId = message.replyToId;
  const mentions = mentionsOf(message);
  if (mentions.length > 0) data.mentions = mentions;
  const kudos = author.bot ? undefined : kudosTextOf(plainText(message), settings.kudosTrigger);
  if (kudos !== undefined) data.kudosText = kudos;
  return {
    outcome: 'events',
    events: [{ type: 'MessagePosted', streamId: streamFor.channel(TEAMS, channel.channelId), occurredAt: postedAt, data }],
  };
}

function authorOf(message: GraphChatMessage): ExternalIdentityJson {
  if (message.from?.user) return graphIdentity(message.from.user, false);
  if (message.from?.application) return graphIdentity(message.from.application, true);
  throw new NormalizationError('MALFORMED', 'teams chatMessage: from: expected a user or an application');
}

/** Mentioned users (AAD ids), once each; mentioned apps and tags are not people. */
function mentionsOf(message: GraphChatMessage): ExternalIdentityJson[] {
  const ids = new Set<string>();
  const mentions: ExternalIdentityJson[] = [];
  for (const mention of message.mentions ?? []) {
    const user = mention.mentioned?.user;
    if (!user || ids.has(user.id)) continue;
    ids.add(user.id);
    mentions.push(graphIdentity(user, false));
  }
  return mentions;
}

const ENTITIES: Readonly<Record<string, string>> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The message body as text: HTML bodies lose their tags (mentions keep their names). */
function plainText(message: GraphChatMessage): string | undefined {
  const content = message.body?.content;
  if (!content || message.body?.contentType !== 'html') return content ?? undefined;
  return content.replace(/<[^>]*>/g, '').replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}
