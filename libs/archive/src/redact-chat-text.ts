/**
 * What of a chat delivery may be archived: everything but what people wrote. Slack and Teams
 * deliveries carry message text in many places (the message, the edited and previous versions,
 * thread roots, attachments, files, rich-text blocks, Graph bodies), so members are redacted by
 * name wherever they sit rather than at known paths. Mention markup (`<@U123>`, `<at>Ana</at>`)
 * is kept: it says who was addressed, which the normalizers record, not what was said.
 *
 * A kudos keeps the message's own text, as the normalizers do (`kudosText`); whether a delivery is
 * a kudos is the normalizer's call, passed in by the caller.
 */

const CHAT_SOURCES: ReadonlySet<string> = new Set(['slack', 'teams']);

/** Strings under these members are reduced to their mention markup. */
const TEXT_MEMBERS: ReadonlySet<string> = new Set(['text', 'content', 'summary', 'subject', 'fallback', 'pretext', 'preview']);
/** Whole lists of what people attached. */
const DROPPED_LISTS: ReadonlySet<string> = new Set(['attachments', 'files']);

/** Slack `<@U…>` / `<@U…|name>`, Teams and Graph `<at …>name</at>`. */
const MENTION = /<@[A-Z0-9]+(?:\|[^>]*)?>|<at\b[^>]*>[^<]*<\/at>/g;

/** The message's own text, where each source keeps it: restored for a kudos. */
const OWN_TEXT: Readonly<Record<string, readonly (readonly string[])[]>> = {
  slack: [
    ['event', 'text'],
    ['event', 'blocks'],
  ],
  teams: [['text'], ['body']],
};

/** Whether a source's bodies hold what people wrote: only theirs does `redactChatText` change. */
export function carriesChatText(source: string): boolean {
  return CHAT_SOURCES.has(source);
}

type Json = null | boolean | number | string | Json[] | { [member: string]: Json };

/**
 * The body to archive. Other sources' bodies are returned as they are. A chat body that is not
 * JSON (or too deeply nested to walk) cannot be told apart from text, so nothing of it is kept.
 * `parsed` is the body already parsed as JSON, when the caller has parsed it: it is not changed.
 */
export function redactChatText(source: string, body: string, { keepOwnText, parsed }: { keepOwnText: boolean; parsed?: { json: unknown } }): string {
  if (!carriesChatText(source)) return body;
  try {
    const original = (parsed === undefined ? JSON.parse(body) : parsed.json) as Json;
    const redacted = redact(original);
    if (keepOwnText) for (const path of OWN_TEXT[source] ?? []) restore(original, redacted, path);
    return JSON.stringify(redacted);
  } catch {
    return '';
  }
}

function redact(value: Json): Json {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  const result: { [member: string]: Json } = {};
  for (const [member, child] of Object.entries(value)) {
    if (typeof child === 'string' && TEXT_MEMBERS.has(member)) result[member] = mentionsOnly(child);
    else if (Array.isArray(child) && DROPPED_LISTS.has(member)) result[member] = [];
    else if (Array.isArray(child) && member === 'blocks') result[member] = child.flatMap(mentionElements);
    else if (member === 'encryptedContent' && isObject(child)) result[member] = { ...child, data: '', dataKey: '' };
    else result[member] = redact(child);
  }
  return result;
}

function mentionsOnly(text: string): string {
  return (text.match(MENTION) ?? []).join(' ');
}

/** A Slack block pruned to its `user` elements, inside the containers that hold them. */
function mentionElements(element: Json): Json[] {
  if (!isObject(element)) return [];
  if (element.type === 'user') return [{ type: 'user', user_id: element.user_id ?? null }];
  if (!Array.isArray(element.elements)) return [];
  const elements = element.elements.flatMap(mentionElements);
  return elements.length === 0 ? [] : [{ type: element.type ?? null, elements }];
}

function restore(original: Json, redacted: Json, path: readonly string[]): void {
  let from = original;
  let to = redacted;
  for (const member of path.slice(0, -1)) {
    if (!isObject(from) || !isObject(to)) return;
    from = from[member];
    to = to[member];
  }
  const last = path[path.length - 1];
  if (isObject(from) && isObject(to) && Object.hasOwn(from, last)) to[last] = from[last];
}

function isObject(value: Json | undefined): value is { [member: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
