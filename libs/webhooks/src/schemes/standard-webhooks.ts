import { anyEqual, digestEqual, hmacSha256, isBase64 } from '../crypto';
import { headerValue, type IncomingHeaders, type WebhookRequest } from '../headers';
import { REJECTION, rejected, VERIFIED, type Verification } from '../verification';
import { checkReplayWindow, unixSeconds } from './replay-window';
import type { SigningContext } from './signing-context';

/**
 * Standard Webhooks (the Svix scheme): incident.io, and GitLab's new signing token.
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>`, several
 * space-separated during the vendor's rotation; the key is the base64 after `whsec_`.
 */
const ID_HEADER = 'webhook-id';
const TIMESTAMP_HEADER = 'webhook-timestamp';
const SIGNATURE_HEADER = 'webhook-signature';
const SECRET_PREFIX = 'whsec_';
const VERSION_PREFIX = 'v1,';

export function hasStandardWebhookSignature(headers: IncomingHeaders): boolean {
  return headerValue(headers, SIGNATURE_HEADER) !== undefined;
}

/** Whether a configured secret has the Standard Webhooks form `whsec_<base64>`. */
export function isStandardWebhookSecret(secret: string): boolean {
  return secret.startsWith(SECRET_PREFIX) && isBase64(secret.slice(SECRET_PREFIX.length));
}

function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

function signedContentPrefix(id: string, timestamp: string): string {
  return `${id}.${timestamp}.`;
}

function providedSignatures(header: string): Buffer[] {
  return header
    .split(' ')
    .filter((entry) => entry.startsWith(VERSION_PREFIX))
    .map((entry) => entry.slice(VERSION_PREFIX.length))
    .filter(isBase64)
    .map((signature) => Buffer.from(signature, 'base64'));
}

export function verifyStandardWebhook(request: WebhookRequest, secrets: readonly string[], now: Date): Verification {
  const signature = headerValue(request.headers, SIGNATURE_HEADER);
  if (signature === undefined) return rejected(REJECTION.missingSignature(SIGNATURE_HEADER));
  const id = headerValue(request.headers, ID_HEADER);
  if (id === undefined) return rejected(REJECTION.missingSignature(ID_HEADER));
  const timestamp = headerValue(request.headers, TIMESTAMP_HEADER);
  if (timestamp === undefined) return rejected(REJECTION.missingTimestamp(TIMESTAMP_HEADER));
  const window = checkReplayWindow(timestamp, TIMESTAMP_HEADER, now);
  if (!window.ok) return window;
  const provided = providedSignatures(signature);
  if (provided.length === 0) return rejected(REJECTION.malformedSignature(SIGNATURE_HEADER));
  const prefix = signedContentPrefix(id, timestamp);
  const expected = secrets.map((secret) => hmacSha256(signingKey(secret), prefix, request.rawBody));
  return anyEqual(provided, expected, digestEqual) ? VERIFIED : rejected(REJECTION.signatureMismatch);
}

export function signStandardWebhook(rawBody: Buffer, secret: string, context: SigningContext): Record<string, string> {
  const timestamp = unixSeconds(context.now);
  const digest = hmacSha256(signingKey(secret), signedContentPrefix(context.deliveryId, timestamp), rawBody);
  return {
    [ID_HEADER]: context.deliveryId,
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `${VERSION_PREFIX}${digest.toString('base64')}`,
  };
}
