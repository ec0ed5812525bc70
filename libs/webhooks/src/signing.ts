import type { SigningContext } from './schemes/signing-context';
import { VENDORS } from './vendors';
import type { WebhookSource } from './webhook-source';

/**
 * The authentication headers `source` would send with `rawBody`: for the demo feed, benchmarks and
 * tests that drive the gateway like the vendors do. Uses the same code paths as verification.
 */
export function signWebhook(
  source: WebhookSource,
  rawBody: Buffer,
  secret: string,
  context: SigningContext,
): Record<string, string> {
  return VENDORS[source].sign(rawBody, secret, context);
}

export type { SigningContext } from './schemes/signing-context';
