import type { ExternalIdentityJson } from '@tandem/contracts';
import { externalIdentity } from '../shared/identity';

export const SLACK = 'slack';

/** A Slack user by id (U…/W…), the id tandem.yaml lists for Slack. Events carry no names or emails. */
export function slackUser(id: string): ExternalIdentityJson {
  return externalIdentity(SLACK, id);
}

/**
 * An app or integration posting (`bot_id`, `subtype: bot_message`): its bot user id when Slack
 * gives one (apps post as a U… bot user), else the bot id (B…); always flagged as a bot so it never
 * counts as a person.
 */
export function slackBot(bot: { user?: string | undefined; botId?: string | undefined; name?: string | undefined }): ExternalIdentityJson | undefined {
  const id = bot.user ?? bot.botId;
  return id === undefined ? undefined : externalIdentity(SLACK, id, { name: bot.name, bot: true });
}

/** `<@U123>` / `<@U123|ana>` in message text. */
const TEXT_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/**
 * The users a message mentions, in order of first appearance, from the text's `<@U…>` markup and
 * from `rich_text` blocks (`{type: "user", user_id}` elements). Group, channel and `@here`
 * mentions name no person and are left out.
 */
export function slackMentions(text: string | null | undefined, blocks: readonly unknown[] | null | undefined): string[] {
  const ids = new Set<string>();
  for (const match of (text ?? '').matchAll(TEXT_MENTION)) ids.add(match[1]);
  for (const block of blocks ?? []) {
    if (isObject(block) && block.type === 'rich_text') collectRichTextUsers(block.elements, ids, 0);
  }
  return [...ids];
}

/** Rich text nests sections, lists and quotes; a few levels deep at most. */
const MAX_RICH_TEXT_DEPTH = 8;

function collectRichTextUsers(elements: unknown, ids: Set<string>, depth: number): void {
  if (!Array.isArray(elements) || depth > MAX_RICH_TEXT_DEPTH) return;
  for (const element of elements) {
    if (!isObject(element)) continue;
    if (element.type === 'user' && typeof element.user_id === 'string' && element.user_id !== '') ids.add(element.user_id);
    collectRichTextUsers(element.elements, ids, depth + 1);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
