import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signWebhook, type WebhookSource } from '@tandem/webhooks';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'webhooks');

/** A real vendor payload from test/fixtures, with the event headers the vendor sends with it. */
export interface Delivery {
  source: WebhookSource;
  body: Buffer;
  headers: Record<string, string>;
}

export function fixtureDelivery(source: WebhookSource, folder: string, file: string, headers: Record<string, string>): Delivery {
  return { source, body: readFileSync(join(FIXTURES, folder, file)), headers };
}

/** Signs like the vendor and POSTs to the gateway over real HTTP. */
export async function deliver(baseUrl: string, delivery: Delivery, secret: string, deliveryId: string): Promise<Response> {
  const signature = signWebhook(delivery.source, delivery.body, secret, { now: new Date(), deliveryId });
  return fetch(`${baseUrl}/webhooks/${delivery.source}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...delivery.headers, ...signature },
    body: delivery.body,
  });
}
