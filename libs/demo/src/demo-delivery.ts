import type { EventType } from '@tandem/contracts';
import type { WebhookSource } from '@tandem/webhooks';

/**
 * One webhook as the vendor would send it, unsigned: signing happens at send time (`signWebhook`
 * with the send time as `now`), so the replay windows of Slack and incident.io hold whenever the
 * demo is fed.
 */
export interface DemoDelivery {
  source: WebhookSource;
  /** The vendor's id for this delivery (in a header, or in the body for Slack, Teams, Opsgenie). */
  deliveryId: string;
  /** The vendor's event and delivery headers, lower-cased; no signature. */
  headers: Readonly<Record<string, string>>;
  /** The exact bytes the vendor sends. */
  body: Buffer;
  /** When the vendor sent it (ISO-8601): deliveries come in this order. */
  at: string;
  /**
   * The canonical events the story means this delivery to produce, in order (none: the vendor
   * sends it but Tandem knowingly ignores it). The tests hold the normalizers to it.
   */
  expectedEvents: readonly EventType[];
}
