import { PermanentDeliveryError, RetryableDeliveryError } from '../delivery-errors';
import { postJson } from '../http/post-json';
import { retryAfterMs } from '../http/retry-after';

/** An Adaptive Card (adaptivecards.io); Teams renders schema versions up to 1.5. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema?: string;
  version: string;
  body: readonly Record<string, unknown>[];
  actions?: readonly Record<string, unknown>[];
  [key: string]: unknown;
}

export interface TeamsWebhookClientOptions {
  /** The channel's webhook: a Workflows "When a Teams webhook request is received" URL, or a legacy Incoming Webhook. */
  webhookUrl: string;
  timeoutMs?: number;
}

/** The message a Teams webhook takes: one Adaptive Card attachment ("Send Adaptive Cards using an Incoming Webhook"). */
export function adaptiveCardMessage(card: AdaptiveCard) {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  } as const;
}

/**
 * Microsoft's legacy connectors "do not throw 429s": a throttled post answers 200 with this text in
 * the body (msteams-docs, "Rate limiting for connectors"), which must not count as delivered.
 */
const THROTTLED_IN_BODY = /HTTP error 429/i;

/**
 * Posts Adaptive Cards to a Teams channel through its webhook, one request per call. Workflows
 * answer 202 Accepted and legacy Incoming Webhooks 200 with `1`; throttling is 429 (Retry-After when
 * present) or, on legacy connectors, 200 with "HTTP error 429" in the body; 400 (bad payload), 404
 * (the webhook was deleted) and 413 (over 28 KB) will fail again; 408 and 5xx may not.
 */
export class TeamsWebhookClient {
  constructor(private readonly options: TeamsWebhookClientOptions) {}

  async postCard(card: AdaptiveCard): Promise<void> {
    const answer = await postJson(this.options.webhookUrl, adaptiveCardMessage(card), { channel: 'teams', timeoutMs: this.options.timeoutMs });
    const { status } = answer;
    if (status === 429 || (status >= 200 && status < 300 && THROTTLED_IN_BODY.test(answer.body))) {
      throw new RetryableDeliveryError('teams', 'throttled', `Teams throttled the webhook (HTTP ${status})`, {
        retryAfterMs: retryAfterMs(answer.headers.get('retry-after')),
      });
    }
    if (status >= 200 && status < 300) return;
    const detail = `Teams answered HTTP ${status} to the webhook${answer.body ? `: ${answer.body.slice(0, 200)}` : ''}`;
    if (status === 408 || status >= 500) throw new RetryableDeliveryError('teams', `http_${status}`, detail);
    throw new PermanentDeliveryError('teams', `http_${status}`, detail);
  }
}
