import { setTimeout as delay } from 'node:timers/promises';
import { routeDelivery, signWebhook, type WebhookSource } from '@tandem/webhooks';
import type { DemoDelivery } from '../demo-delivery';
import { KeyedSender } from './keyed-sender';

export interface FeedOptions {
  /** The gateway, e.g. `http://127.0.0.1:4000`. */
  baseUrl: string;
  /** The secret each source signs with (the first one the gateway accepts). */
  secrets: Readonly<Record<WebhookSource, string>>;
  /** Requests in flight at once (default 8); one entity's deliveries are always sent in order. */
  concurrency?: number;
  /** Called after each delivery is answered, in completion order. */
  onAnswered?: (delivery: DemoDelivery, status: number) => void;
  /** The signing time: now, so that Slack's and incident.io's replay windows hold. */
  clock?: () => Date;
}

export interface FeedResult {
  sent: number;
  /** Answered 202 and published (the gateway answers a duplicate 202 too, without publishing it). */
  accepted: number;
  duplicates: number;
  sentBySource: Readonly<Record<string, number>>;
}

/** The gateway refused a delivery: the demo's deliveries are all valid, so this is a real problem. */
export class DeliveryRefusedError extends Error {
  override readonly name = 'DeliveryRefusedError';
}

/** A 503 means the event log is briefly unavailable: vendors retry, and so does the feed. */
const RETRIES_ON_UNAVAILABLE = 5;

/**
 * Sends deliveries to the gateway over HTTP (`POST /webhooks/:source`), signed at send time like
 * the vendor would, with bounded concurrency that keeps each entity's deliveries in order (the
 * gateway's own partition key: a pull request, an incident, a channel).
 */
export async function feedDeliveries(deliveries: Iterable<DemoDelivery>, options: FeedOptions): Promise<FeedResult> {
  const sender = new KeyedSender(options.concurrency ?? 8);
  const clock = options.clock ?? (() => new Date());
  const sentBySource: Record<string, number> = {};
  let sent = 0;
  let accepted = 0;
  let duplicates = 0;
  for (const delivery of deliveries) {
    const { partitionKey } = routeDelivery(delivery.source, { headers: delivery.headers, rawBody: delivery.body }, JSON.parse(delivery.body.toString('utf8')));
    await sender.submit(partitionKey, async () => {
      const response = await post(options.baseUrl, delivery, options.secrets[delivery.source], clock);
      sent++;
      sentBySource[delivery.source] = (sentBySource[delivery.source] ?? 0) + 1;
      // The gateway tags what it published with a correlation id; a duplicate gets none.
      if (response.headers.has('x-correlation-id')) accepted++;
      else duplicates++;
      options.onAnswered?.(delivery, response.status);
    });
  }
  await sender.drain();
  return { sent, accepted, duplicates, sentBySource };
}

async function post(baseUrl: string, delivery: DemoDelivery, secret: string, clock: () => Date): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const signature = signWebhook(delivery.source, delivery.body, secret, { now: clock(), deliveryId: delivery.deliveryId });
    const response = await fetch(`${baseUrl}/webhooks/${delivery.source}`, {
      method: 'POST',
      headers: { ...delivery.headers, ...signature },
      body: delivery.body,
    });
    if (response.status === 202) {
      await response.body?.cancel();
      return response;
    }
    const reason = await response.text();
    if (response.status === 503 && attempt < RETRIES_ON_UNAVAILABLE) {
      await delay(200 * 2 ** attempt);
      continue;
    }
    throw new DeliveryRefusedError(`the gateway answered ${response.status} to ${delivery.source} delivery ${delivery.deliveryId}: ${reason}`);
  }
}
