import { sha256Hex } from './crypto';
import { keepHeaders, type WebhookRequest } from './headers';
import { REJECTION, rejected, type Verification } from './verification';
import { VENDORS } from './vendors';
import type { WebhookSource } from './webhook-source';

/** How one verified delivery goes on the log. */
export interface DeliveryRouting {
  /** Dedupe key: the vendor's delivery id, or `sha256:<hex of the raw body>` when it sends none. */
  readonly deliveryId: string;
  /**
   * Log key `<source>:<entity>`: one entity's events share a partition and stay in order. A delivery
   * about no recognisable entity is keyed by its delivery id, spreading it over the partitions.
   */
  readonly partitionKey: string;
  /** The allow-listed headers (lower-cased); signatures and tokens are never among them. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Authenticates a delivery; with no secret configured the source is closed, never open. */
export function verifyWebhook(
  source: WebhookSource,
  request: WebhookRequest,
  secrets: readonly string[],
  now: Date,
): Verification {
  if (secrets.length === 0) return rejected(REJECTION.noSecret(source));
  return VENDORS[source].verify(request, secrets, now);
}

/** Reads the dedupe key, the ordering key and the headers worth keeping; `body` is the parsed JSON. */
export function routeDelivery(source: WebhookSource, request: WebhookRequest, body: unknown): DeliveryRouting {
  const vendor = VENDORS[source];
  const deliveryId = vendor.deliveryId(request, body) ?? `sha256:${sha256Hex(request.rawBody)}`;
  const entity = vendor.orderingEntity(body) ?? `delivery:${deliveryId}`;
  return {
    deliveryId,
    partitionKey: `${source}:${entity}`,
    headers: keepHeaders(request.headers, vendor.keptHeaders),
  };
}
