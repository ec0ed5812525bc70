import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WEBHOOKS_TOPIC, type EventLog } from '@tandem/eventlog';
import type { Logger } from '@tandem/observability';
import { EVENT_LOG, LOGGER } from '@tandem/runtime';
import {
  encodeWebhookDelivery,
  envelopeLogHeaders,
  isWebhookSource,
  routeDelivery,
  slackUrlVerificationChallenge,
  verifyWebhook,
  WEBHOOK_ENVELOPE_VERSION,
  type WebhookEnvelopeHeader,
  type WebhookRequest,
  type WebhookSecrets,
} from '@tandem/webhooks';
import { parseJsonBody } from './json-body';
import { RecentDeliveries } from './recent-deliveries';
import { GATEWAY_CLOCK, WEBHOOK_SECRETS, type Clock } from './tokens';
import { REPLIES, type WebhookReply } from './webhook-reply';

/**
 * Decides the answer to one webhook request and publishes what deserves it. Transport-free: the
 * HTTP route hands over the path's source, the headers and the raw body bytes.
 */
@Injectable()
export class WebhookReceiver {
  private readonly logger: Logger;

  constructor(
    @Inject(LOGGER) logger: Logger,
    @Inject(EVENT_LOG) private readonly eventLog: EventLog,
    @Inject(WEBHOOK_SECRETS) private readonly secrets: WebhookSecrets,
    @Inject(GATEWAY_CLOCK) private readonly clock: Clock,
    @Inject(RecentDeliveries) private readonly recentDeliveries: RecentDeliveries,
  ) {
    this.logger = logger.child({ component: 'gateway' });
  }

  /** The answer for a request that can be refused from its path alone, before its body is read. */
  refuseBeforeBody(source: string): WebhookReply | undefined {
    return isWebhookSource(source) ? undefined : REPLIES.unknownSource();
  }

  async receive(source: string, request: WebhookRequest): Promise<WebhookReply> {
    if (!isWebhookSource(source)) return REPLIES.unknownSource();
    const receivedAt = this.clock();
    const verification = verifyWebhook(source, request, this.secrets[source], receivedAt);
    if (!verification.ok) return REPLIES.unauthorized(verification.reason);
    const body = parseJsonBody(request.rawBody);
    if (!body.ok) return REPLIES.invalidBody(body.reason);
    const challenge = source === 'slack' ? slackUrlVerificationChallenge(body.value) : undefined;
    if (challenge !== undefined) return { outcome: 'challenge_answered', status: 200, body: { challenge } };

    const { deliveryId, partitionKey, headers } = routeDelivery(source, request, body.value);
    if (this.recentDeliveries.has(source, deliveryId)) return { outcome: 'duplicate', status: 202, body: { deliveryId } };
    const envelope: WebhookEnvelopeHeader = {
      version: WEBHOOK_ENVELOPE_VERSION,
      source,
      deliveryId,
      receivedAt: receivedAt.toISOString(),
      correlationId: randomUUID(),
      headers,
    };
    try {
      // The signed bytes go on the log as they came: they are UTF-8 JSON (checked above).
      await this.eventLog.publish(WEBHOOKS_TOPIC, [
        { key: partitionKey, value: encodeWebhookDelivery(envelope, request.rawBody), headers: envelopeLogHeaders(envelope) },
      ]);
    } catch (error) {
      // The vendor retries on 503; nothing was acknowledged, so nothing is lost.
      this.logger.warn(
        { source, deliveryId, correlationId: envelope.correlationId, err: error },
        'webhook not published: event log unavailable',
      );
      return REPLIES.logUnavailable();
    }
    this.recentDeliveries.remember(source, deliveryId);
    return {
      outcome: 'accepted',
      status: 202,
      body: { deliveryId },
      headers: { 'x-correlation-id': envelope.correlationId },
    };
  }
}
