/**
 * Reading a kudos message: `kudos @a @b for … #ownership`, `/kudos to @a: …`. Mentions arrive as
 * the vendors write them in text (Slack `<@U123>` or `<@U123|ana>`, Teams `<at>Ana</at>`); the
 * normalizers also list them, resolved to identities, in MessagePosted.mentions.
 */

export type MentionToken = { tool: 'slack'; id: string; label: string | null } | { tool: 'teams'; text: string };

export interface ParsedKudosText {
  /** The people the kudos is for: the mentions right after the trigger, else every mention in it. */
  recipients: MentionToken[];
  /** What the kudos is for, markup kept (rendered for the feed later); tags at its end removed. */
  reason: string;
  /** `#value` tags, lower-cased, each once, in order. */
  tags: string[];
}

const WORD_END = '(?![\\p{L}\\p{N}_])';
const MENTION_SOURCE = '<@([UW][A-Z0-9]+)(?:\\|([^>]*))?>|<at>([\\s\\S]*?)</at>';
/** One more mention of the leading run, after separators (`,` `&` `and`, or `to` before the first). */
const LEADING_MENTION = new RegExp(`^[\\s,;:&]*(?:(?:to|and)\\s+)?[\\s,;:&]*(?:${MENTION_SOURCE})`, 'iu');
/** What separates the people from the reason: `for`, a colon, a dash. */
const REASON_START = new RegExp(`^[\\s,;:!.\\-–—]*(?:for${WORD_END})?[\\s,;:\\-–—]*`, 'iu');
const TAG = /(^|\s)#(\p{L}[\p{L}\p{N}_-]*)/gu;
const TRAILING_TAGS = /(?:(?:^|\s+)#\p{L}[\p{L}\p{N}_-]*)+[\s.!]*$/u;

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One pattern per configured trigger list (a rebuild asks thousands of times with the same list). */
const triggerPatterns = new Map<string, RegExp | null>();

function triggerPattern(triggers: readonly string[]): RegExp | null {
  const key = triggers.join('\u0000');
  let pattern = triggerPatterns.get(key);
  if (pattern === undefined) {
    const words = [...new Set(triggers.map((trigger) => trigger.trim().replace(/^\//, '')).filter((word) => word !== ''))];
    pattern = words.length === 0 ? null : new RegExp(`^\\s*/?(?:${words.map(escapeRegExp).join('|')})${WORD_END}`, 'iu');
    triggerPatterns.set(key, pattern);
  }
  return pattern;
}

/** The text after a leading trigger word (`kudos`, or its slash form `/kudos`); null without one. */
export function textAfterTrigger(text: string, triggers: readonly string[]): string | null {
  const match = triggerPattern(triggers)?.exec(text);
  return match ? text.slice(match[0].length) : null;
}

/** A mention from MENTION_SOURCE's groups: a Slack user id and label, or a Teams `<at>` text. */
function tokenOf(slackId: string | undefined, label: string | undefined, teamsText: string | undefined): MentionToken {
  return slackId !== undefined ? { tool: 'slack', id: slackId, label: label ?? null } : { tool: 'teams', text: (teamsText ?? '').trim() };
}

/** Every mention of a text, in order, repeats included. */
export function allMentions(text: string): MentionToken[] {
  return [...text.matchAll(new RegExp(MENTION_SOURCE, 'giu'))].map((match) => tokenOf(match[1], match[2], match[3]));
}

/** The tags, and the reason with trailing tags removed and inline ones kept as plain words. */
function splitTags(reason: string): { reason: string; tags: string[] } {
  const tags = [...new Set([...reason.matchAll(TAG)].map((match) => match[2].toLowerCase()))];
  return { reason: reason.replace(TRAILING_TAGS, '').replace(TAG, '$1$2').trim(), tags };
}

/** Null when the text does not start with one of the triggers. */
export function parseKudosText(text: string, triggers: readonly string[]): ParsedKudosText | null {
  const afterTrigger = textAfterTrigger(text, triggers);
  if (afterTrigger === null) return null;
  let rest = afterTrigger;
  const leading: MentionToken[] = [];
  for (let match = LEADING_MENTION.exec(rest); match !== null; match = LEADING_MENTION.exec(rest)) {
    leading.push(tokenOf(match[1], match[2], match[3]));
    rest = rest.slice(match[0].length);
  }
  rest = rest.replace(REASON_START, '');
  // "kudos, great pairing today <@U1>!": no one right after the trigger, so everyone mentioned.
  const recipients = leading.length > 0 ? leading : allMentions(rest);
  return { recipients, ...splitTags(rest) };
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * Chat markup as people read it: mentions as `@Name`, Slack channel links as `#name`, links as
 * their label, HTML entities decoded, whitespace collapsed. The feed shows this, never markup.
 */
export function renderChatText(text: string, nameOfMention: (token: MentionToken) => string): string {
  return text
    .replace(new RegExp(MENTION_SOURCE, 'giu'), (_mention, slackId?: string, label?: string, teamsText?: string) => `@${nameOfMention(tokenOf(slackId, label, teamsText))}`)
    .replace(/<#[A-Z0-9]+\|([^>]+)>/g, '#$1')
    .replace(/<#[A-Z0-9]+>/g, '#channel')
    .replace(/<!subteam\^[A-Z0-9]+\|([^>]+)>/g, '$1')
    .replace(/<!(\w+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<[^>|]+\|([^>]+)>/g, '$1')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/&(?:lt|gt|amp|quot|#39|nbsp);/g, (entity) => HTML_ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/** A message worth showing has at least one letter or digit (not just tags, emoji markup aside). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
