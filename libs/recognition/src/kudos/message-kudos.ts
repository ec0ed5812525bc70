import type { Directory } from '@tandem/directory';
import { epochMsOf } from '../shared/instant';
import { kudosIdOf, type KudosDraft } from './kudos-draft';
import { resolveGiver, resolveRecipient } from './kudos-people';
import { parseKudosText, renderChatText } from './kudos-text';
import { refused, type MessageKudosRequest, type NotKudos, type RefusedKudos } from './kudos-types';
import { identityOfMention, labelOfMention, mentionNamer } from './mention-identities';

/** `kudos @a @b for … #value` posted in Slack or Teams. */
export function draftFromMessage(request: MessageKudosRequest, directory: Directory): KudosDraft | RefusedKudos | NotKudos {
  const { data, eventId, metadata } = request.event;
  if (!data.kudosText) return { outcome: 'ignored', reason: 'the message carries no kudos text' };
  const triggers = directory.settings.recognition.kudosTriggers;
  const parsed = parseKudosText(data.kudosText, triggers);
  if (parsed === null) return { outcome: 'ignored', reason: `the message does not start with a configured kudos trigger (${triggers.join(', ')})` };
  const tool = data.tool ?? '';
  const channelId = data.channelId ?? '';
  const messageId = data.messageId ?? '';
  const givenAtMs = epochMsOf(data.postedAt) ?? epochMsOf(metadata.occurredAt);
  if (!tool || !channelId || !messageId || givenAtMs === null) return { outcome: 'ignored', reason: 'the message names no tool, channel, message id or time' };

  const from = resolveGiver(directory, data.author);
  if (typeof from !== 'string') return from;
  if (parsed.recipients.length === 0) return refused('NO_RECIPIENT', 'Mention who the kudos is for, e.g. "kudos @ana for staying on the incident call".');

  const mentions = data.mentions ?? [];
  const recipients: string[] = [];
  for (const token of parsed.recipients) {
    const identity = identityOfMention(token, data.kudosText, mentions);
    if (identity === null) return refused('UNKNOWN_PERSON', `@${labelOfMention(token)} is not a person Tandem can find among the message's mentions.`);
    const personId = resolveRecipient(directory, identity, labelOfMention(token));
    if (typeof personId !== 'string') return personId;
    recipients.push(personId);
  }
  return {
    kudosId: kudosIdOf.message(tool, channelId, messageId),
    fromPersonId: from,
    toPersonIds: [...new Set(recipients)],
    givenAtMs,
    via: tool,
    message: renderChatText(parsed.reason, mentionNamer(directory, data.kudosText, mentions)),
    tags: parsed.tags,
    originMessage: { tool, channelId, messageId },
    originEventId: eventId,
    causationId: eventId,
    ...(metadata.correlationId ? { correlationId: metadata.correlationId } : {}),
  };
}
