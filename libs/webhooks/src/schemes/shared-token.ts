import { anyEqual } from '../crypto';
import { headerValue, type WebhookRequest } from '../headers';
import { REJECTION, rejected, VERIFIED, type Verification } from '../verification';

/**
 * A secret sent as is in a header (GitLab's `X-Gitlab-Token`; the `X-Tandem-Token` custom header
 * for Opsgenie, which signs nothing). Only TLS protects it in transit; it is still compared in
 * constant time so that response timing cannot be used to guess it.
 */
export function verifySharedToken(header: string, request: WebhookRequest, secrets: readonly string[]): Verification {
  const token = headerValue(request.headers, header);
  if (token === undefined) return rejected(REJECTION.missingToken(header));
  const expected = secrets.map((secret) => Buffer.from(secret, 'utf8'));
  return anyEqual([Buffer.from(token, 'utf8')], expected) ? VERIFIED : rejected(REJECTION.tokenMismatch);
}

export function signSharedToken(header: string, secret: string): Record<string, string> {
  return { [header.toLowerCase()]: secret };
}
