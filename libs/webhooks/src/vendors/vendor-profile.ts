import type { WebhookRequest } from '../headers';
import type { SigningContext } from '../schemes/signing-context';
import type { Verification } from '../verification';

/** Everything the gateway needs to know about one vendor's deliveries. */
export interface VendorProfile {
  /** Authenticates the request against any of the configured secrets (several during a rotation). */
  verify(request: WebhookRequest, secrets: readonly string[], now: Date): Verification;
  /** Produces the headers the vendor would send: for demo feeds, benchmarks and tests. */
  sign(rawBody: Buffer, secret: string, context: SigningContext): Record<string, string>;
  /** The vendor's id for this delivery, identical on its retries, when it sends one. */
  deliveryId(request: WebhookRequest, body: unknown): string | undefined;
  /** The entity whose events must stay in order (an incident, a pull request, a channel…). */
  orderingEntity(body: unknown): string | undefined;
  /** Headers worth keeping with the raw body (lower-cased); never a signature or a token. */
  keptHeaders: readonly string[];
}

/** Kept for every vendor: how to read the body, and which sender (and version) sent it. */
export const COMMON_KEPT_HEADERS = ['content-type', 'user-agent'] as const;
