import type { Directory } from '@tandem/directory';
import { epochMsOf } from '../shared/instant';
import { kudosIdOf, type KudosDraft } from './kudos-draft';
import { resolveGiver, resolveRecipient } from './kudos-people';
import { hasWords, parseKudosText, renderChatText } from './kudos-text';
import { refused, type NotKudos, type ReactionKudosRequest, type RefusedKudos } from './kudos-types';
import { mentionNamer } from './mention-identities';

/**
 * The reason shown for a kudos by reaction: what the reacted message said when it was itself a
 * kudos (the only chat text Tandem keeps), else a sentence saying where the reaction was.
 */
function reasonOf(request: ReactionKudosRequest, directory: Directory): string {
  const { emoji } = request.event.data;
  const reacted = request.reactedMessage;
  const parsed = reacted?.kudosText ? parseKudosText(reacted.kudosText, directory.settings.recognition.kudosTriggers) : null;
  if (reacted?.kudosText && parsed) {
    const reason = renderChatText(parsed.reason, mentionNamer(directory, reacted.kudosText, reacted.mentions ?? []));
    if (hasWords(reason)) return reason;
  }
  const where = request.channelName ? `#${request.channelName.replace(/^#/, '')}` : 'a channel';
  return `reacted :${emoji}: to a message in ${where}`;
}

/** A configured emoji on someone's message: a kudos from the reactor to the message's author. */
export function draftFromReaction(request: ReactionKudosRequest, directory: Directory): KudosDraft | RefusedKudos | NotKudos {
  const { data, eventId, metadata } = request.event;
  const reactions = directory.settings.recognition.kudosReactions;
  if (!data.emoji || !reactions.includes(data.emoji)) return { outcome: 'ignored', reason: `:${data.emoji ?? ''}: is not a kudos reaction (${reactions.map((emoji) => `:${emoji}:`).join(', ')})` };
  const tool = data.tool ?? '';
  const channelId = data.channelId ?? '';
  const messageId = data.messageId ?? '';
  const givenAtMs = epochMsOf(data.reactedAt) ?? epochMsOf(metadata.occurredAt);
  if (!tool || !channelId || !messageId || !data.reactor?.tool || !data.reactor.id || givenAtMs === null) {
    return { outcome: 'ignored', reason: 'the reaction names no tool, channel, message, reactor or time' };
  }

  const from = resolveGiver(directory, data.reactor);
  if (typeof from !== 'string') return from;
  const author = data.messageAuthor ?? request.reactedMessage?.author;
  if (!author) return refused('UNKNOWN_PERSON', 'Tandem does not know who wrote the message you reacted to, so the kudos cannot be recorded.');
  const to = resolveRecipient(directory, author);
  if (typeof to !== 'string') return to;
  return {
    kudosId: kudosIdOf.reaction(tool, channelId, messageId, { tool: data.reactor.tool, id: data.reactor.id }),
    fromPersonId: from,
    toPersonIds: [to],
    givenAtMs,
    via: tool,
    message: reasonOf(request, directory),
    tags: [],
    originMessage: { tool, channelId, messageId },
    originEventId: eventId,
    causationId: eventId,
    ...(metadata.correlationId ? { correlationId: metadata.correlationId } : {}),
  };
}
