import { streamFor, type ReactionAddedJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { Normalization } from '../normalizer';
import { parsePayload, timeAt } from '../shared/payload';
import { fromSlackTs } from '../vendor-time';
import { SLACK, slackUser } from './slack-identity';
import { slackReaction } from './slack-payload';

/**
 * `reaction_added` on a message: who reacted, with what, to whose message (`item_user`, the author a
 * kudos reaction recognizes), at `event_ts`. Reactions to files are not about a message.
 */
export function normalizeSlackReactionAdded(body: unknown): Normalization {
  const event = parsePayload(slackReaction, body, 'slack reaction_added').event;
  const { item } = event;
  if (item.type !== 'message') {
    return { outcome: 'ignored', reason: `slack reaction_added on a ${item.type}, not a message: reactions count on messages only` };
  }
  if (item.channel === undefined) throw missing('event.item.channel');
  if (item.ts === undefined) throw missing('event.item.ts');
  const reactedAt = timeAt(fromSlackTs, event.event_ts, 'event.event_ts');
  const data: ReactionAddedJson = {
    tool: SLACK,
    channelId: item.channel,
    messageId: item.ts,
    reactor: slackUser(event.user),
    emoji: emojiName(event.reaction),
    reactedAt,
  };
  if (event.item_user !== undefined) data.messageAuthor = slackUser(event.item_user);
  return { outcome: 'events', events: [{ type: 'ReactionAdded', streamId: streamFor.channel(SLACK, item.channel), occurredAt: reactedAt, data }] };
}

/**
 * The emoji's name as configured for kudos reactions: Slack appends the skin tone
 * (`raised_hands::skin-tone-3`), which is still the same reaction.
 */
function emojiName(reaction: string): string {
  return reaction.split('::')[0] || reaction;
}

function missing(field: string): NormalizationError {
  return new NormalizationError('MALFORMED', `slack reaction_added: ${field}: expected a non-empty string on a reaction to a message`);
}
