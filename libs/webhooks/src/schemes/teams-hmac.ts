import { anyEqual, digestEqual, hmacSha256 } from '../crypto';
import { headerValue, type WebhookRequest } from '../headers';
import { REJECTION, rejected, VERIFIED, type Verification } from '../verification';

/**
 * Teams outgoing webhooks: `Authorization: HMAC <base64 HMAC-SHA256(key, raw body)>`, where the key
 * is the base64-decoded security token Teams showed when the webhook was created.
 */
const HEADER = 'Authorization';
const SCHEME = /^HMAC +([A-Za-z0-9+/]+={0,2})$/i;

function signingKey(securityToken: string): Buffer {
  return Buffer.from(securityToken, 'base64');
}

export function verifyTeamsHmac(request: WebhookRequest, secrets: readonly string[]): Verification {
  const authorization = headerValue(request.headers, HEADER);
  if (authorization === undefined) return rejected(REJECTION.missingSignature(HEADER));
  const signature = SCHEME.exec(authorization)?.[1];
  if (signature === undefined) return rejected(REJECTION.malformedSignature(HEADER));
  const expected = secrets.map((secret) => hmacSha256(signingKey(secret), request.rawBody));
  return anyEqual([Buffer.from(signature, 'base64')], expected, digestEqual) ? VERIFIED : rejected(REJECTION.signatureMismatch);
}

export function signTeamsHmac(rawBody: Buffer, securityToken: string): Record<string, string> {
  return { [HEADER.toLowerCase()]: `HMAC ${hmacSha256(signingKey(securityToken), rawBody).toString('base64')}` };
}
