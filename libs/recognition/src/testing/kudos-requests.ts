import type { CanonicalEvent, CanonicalEventOf, EventType } from '@tandem/contracts';
import { chatFixture, recordedChatEvents, withField } from './chat-fixtures';

function only<T extends EventType>(events: readonly CanonicalEvent[], type: T): CanonicalEventOf<T> {
  const [event] = events;
  if (events.length !== 1 || event.type !== type) throw new Error(`expected one ${type}, got ${events.map((each) => each.type).join(', ')}`);
  return event as CanonicalEventOf<T>;
}

/**
 * Test-only: a Slack channel message (the `message` event sample from the zulip test suite, as
 * Slack posts it) with this text, by this user, normalized by the real Slack normalizer.
 */
export function slackMessage(text: string, options: { user?: string; deliveryId?: string; ts?: string } = {}): CanonicalEventOf<'MessagePosted'> {
  let body = withField(chatFixture('slack', 'zulip__message_with_normal_text'), 'event.text', text);
  body = withField(body, 'event.user', options.user ?? 'U123ABC456');
  if (options.ts) body = withField(withField(body, 'event.ts', options.ts), 'event.event_ts', options.ts);
  return only(recordedChatEvents('slack', body, options.deliveryId ?? 'Ev079SP4TP1P'), 'MessagePosted');
}

/** Slack's documented reaction_added sample (U123ABC456 reacts to U222222222's message), with this emoji. */
export function slackReaction(reaction: string, changes: Record<string, unknown> = {}): CanonicalEventOf<'ReactionAdded'> {
  let body = withField(chatFixture('slack', 'docs__reaction_added'), 'event.reaction', reaction);
  for (const [path, value] of Object.entries(changes)) body = withField(body, path, value);
  return only(recordedChatEvents('slack', body, 'Ev123ABC456'), 'ReactionAdded');
}

/** The Teams outgoing-webhook sample (Megan posts, mentioning the webhook and Bob), with this text. */
export function teamsMessage(text?: string, changes: Record<string, unknown> = {}): CanonicalEventOf<'MessagePosted'> {
  let body = chatFixture('teams', 'handmade__outgoing-webhook_channel-message.kudos');
  if (text !== undefined) body = withField(body, 'text', text);
  for (const [path, value] of Object.entries(changes)) body = withField(body, path, value);
  return only(recordedChatEvents('teams', body, '1701356400123'), 'MessagePosted');
}
