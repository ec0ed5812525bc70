import { randomUUID } from 'node:crypto';
import { ScriptedHttpFake, type FakeReply, type ReceivedRequest } from './http-fake';

/**
 * What the fake answers to the next posts:
 * - `legacy`: the retired Incoming Webhook connector's `200` with body `1`;
 * - `{ throttled }`: HTTP 429, with `Retry-After` when `retryAfterSeconds` is given;
 * - `legacyThrottled`: the connector's 200 whose body reports the 429 (msteams-docs: "Connectors do not throw 429s");
 * - `{ status }`: any other status (400, 404 for a deleted webhook, 413, 502 …).
 */
export type TeamsScriptedReply = 'legacy' | 'legacyThrottled' | { throttled: { retryAfterSeconds?: number } } | { status: number; body?: string };

/**
 * A local Teams channel webhook. By default it answers like a Workflows "When a Teams webhook request
 * is received" trigger: `202 Accepted` for a message with Adaptive Card attachments, `400` for a body
 * that is not one, `404` for any other URL.
 */
export class FakeTeamsWebhook extends ScriptedHttpFake<TeamsScriptedReply> {
  /** The Adaptive Cards it accepted, in order. */
  readonly cards: Record<string, unknown>[] = [];
  private readonly path = `/workflows/${randomUUID()}/triggers/manual/paths/invoke`;

  get webhookUrl(): string {
    return `${this.http.origin}${this.path}`;
  }

  protected answer(request: ReceivedRequest): FakeReply {
    if (request.method !== 'POST' || request.path !== this.path) return { status: 404 };
    const scripted = this.nextScripted();
    if (scripted === 'legacyThrottled') return { status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi-production-eus-azsc2-4-170,cv=deadbeef.0..' };
    if (scripted !== undefined && scripted !== 'legacy') {
      if ('throttled' in scripted) {
        const seconds = scripted.throttled.retryAfterSeconds;
        return { status: 429, headers: seconds === undefined ? {} : { 'retry-after': String(seconds) } };
      }
      return { status: scripted.status, body: scripted.body ?? '' };
    }
    const cards = adaptiveCardsOf(request.json);
    if (cards === null) return { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'InvalidRequestContent', message: 'The request content is not a message with Adaptive Card attachments.' } }) };
    this.cards.push(...cards);
    return scripted === 'legacy' ? { status: 200, body: '1' } : { status: 202 };
  }
}

function adaptiveCardsOf(body: unknown): Record<string, unknown>[] | null {
  const message = body as { type?: unknown; attachments?: unknown } | undefined;
  if (message?.type !== 'message' || !Array.isArray(message.attachments) || message.attachments.length === 0) return null;
  const cards = (message.attachments as { contentType?: unknown; content?: { type?: unknown } }[]).map((attachment) =>
    attachment.contentType === 'application/vnd.microsoft.card.adaptive' && attachment.content?.type === 'AdaptiveCard' ? (attachment.content as Record<string, unknown>) : null,
  );
  return cards.every((card) => card !== null) ? (cards as Record<string, unknown>[]) : null;
}
