import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signWebhook } from '@tandem/webhooks';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'webhooks', 'pagerduty');

/** The parts of a PagerDuty v3 webhook the API tests re-address. */
export interface PagerdutyWebhook {
  event: { id: string; occurred_at: string; data: { id: string } };
}

/** A PagerDuty sample from test/fixtures/webhooks/pagerduty (see its source note). */
export function pagerdutyFixture(file: string): PagerdutyWebhook {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as PagerdutyWebhook;
}

/**
 * A later event of the incident `incidentId`, from a sample of another incident: the vendor's
 * samples are of different incidents, so each test's lifecycle re-addresses them to one.
 */
export function readdressed(file: string, incidentId: string, occurredAt: string): PagerdutyWebhook {
  const webhook = pagerdutyFixture(file);
  webhook.event.id = randomUUID();
  webhook.event.occurred_at = occurredAt;
  webhook.event.data.id = incidentId;
  return webhook;
}

/** Sends the webhook signed as PagerDuty does to the gateway at `url`; the HTTP status it answered. */
export async function deliverPagerDuty(url: string, webhook: PagerdutyWebhook, secret: string): Promise<number> {
  const body = Buffer.from(JSON.stringify(webhook));
  const deliveryId = randomUUID();
  const signature = signWebhook('pagerduty', body, secret, { now: new Date(), deliveryId });
  const response = await fetch(`${url}/webhooks/pagerduty`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-id': deliveryId, ...signature },
    body,
  });
  return response.status;
}
