import type { ExternalIdentityJson } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { nameOf } from '../shared/wording';
import { allMentions, type MentionToken } from './kudos-text';

/**
 * The identity a mention in a kudos text stands for, from MessagePosted.mentions (what the
 * normalizer resolved).
 * - Slack writes the user id in the text (`<@U123>`): that id, on the `slack` tool.
 * - Teams writes only a display text (`<at>Bob</at>`); the ids are in the message's mention
 *   entities, in order, once each. When the text has as many distinct `<at>` texts as there are
 *   mentions, they pair up in order; otherwise by name (`Bob` for "Bob Example"), when exactly one fits.
 */
export function identityOfMention(token: MentionToken, kudosText: string, mentions: readonly ExternalIdentityJson[]): ExternalIdentityJson | null {
  if (token.tool === 'slack') return mentions.find((mention) => mention.tool === 'slack' && mention.id === token.id) ?? { tool: 'slack', id: token.id };
  const teamsMentions = mentions.filter((mention) => mention.tool === 'teams');
  const texts = [...new Set(allMentions(kudosText).flatMap((mention) => (mention.tool === 'teams' ? [mention.text] : [])))];
  if (texts.length === teamsMentions.length) return teamsMentions[texts.indexOf(token.text)] ?? null;
  const byName = teamsMentions.filter((mention) => mention.name === token.text || mention.name?.startsWith(`${token.text} `));
  return byName.length === 1 ? byName[0] : null;
}

/** How a mention reads when nobody is resolved for it. */
export function labelOfMention(token: MentionToken): string {
  return token.tool === 'slack' ? (token.label ?? token.id) : token.text;
}

/** How the feed names each mention of a kudos text: the person's name when resolved, else its label. */
export function mentionNamer(directory: Directory, kudosText: string, mentions: readonly ExternalIdentityJson[]): (token: MentionToken) => string {
  return (token) => {
    const identity = identityOfMention(token, kudosText, mentions);
    const personId = identity?.tool && identity.id ? directory.resolveIdentity(identity.tool, identity.id) : undefined;
    return personId === undefined ? labelOfMention(token) : nameOf(directory, personId);
  };
}
