import type { CanonicalEvent } from '@tandem/contracts';
import { actorOfIdentity, type Actor } from '../shared/actor';
import { millisOf, type Millis } from '../shared/millis';
import { entityKey, type EntityKey } from './entity-key';
import { eventIdsOf, inFoldOrder } from './fold-order';

export interface PostedMessage {
  messageId: string;
  at: Millis;
  author: Actor;
}

/** A chat thread: the message that roots it and its threaded replies (metadata only, never text). */
export interface ThreadFacts {
  kind: 'thread';
  key: EntityKey;
  tool: string;
  channelId: string;
  rootMessageId: string;
  /** Null until the root itself is seen: a reply alone says nothing of how long it took. */
  root: PostedMessage | null;
  /** Sorted by time, each message once. */
  replies: PostedMessage[];
  eventIds: string[];
}

export function foldThread(ref: { tool: string; channelId: string; rootMessageId: string }, events: readonly CanonicalEvent[]): ThreadFacts {
  const ordered = inFoldOrder(events);
  const thread: ThreadFacts = {
    kind: 'thread',
    key: entityKey.thread(ref.tool, ref.channelId, ref.rootMessageId),
    tool: ref.tool,
    channelId: ref.channelId,
    rootMessageId: ref.rootMessageId,
    root: null,
    replies: [],
    eventIds: eventIdsOf(ordered),
  };
  const seen = new Set<string>();
  for (const event of ordered) {
    if (event.type !== 'MessagePosted') continue;
    const { data } = event;
    const at = millisOf(data.postedAt);
    const author = actorOfIdentity(data.author);
    if (at === null || !author || !data.messageId) continue;
    const message: PostedMessage = { messageId: data.messageId, at, author };
    // Slack repeats the root's own ts as thread_ts on the root: a message rooted on itself is the root.
    if (!data.threadRootId || data.threadRootId === data.messageId) {
      thread.root = message;
    } else if (!seen.has(data.messageId)) {
      seen.add(data.messageId);
      thread.replies.push(message);
    }
  }
  return thread;
}
