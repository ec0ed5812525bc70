import { anyEqual, digestEqual, hmacSha256 } from '../crypto';
import { headerValue, type WebhookRequest } from '../headers';
import { REJECTION, rejected, VERIFIED, type Verification } from '../verification';
import { prefixedHexDigests } from './hex-body-hmac';
import { checkReplayWindow, unixSeconds } from './replay-window';
import type { SigningContext } from './signing-context';

/** Slack's v0 scheme: `X-Slack-Signature: v0=<hex HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)>`. */
const SIGNATURE_HEADER = 'X-Slack-Signature';
const TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';
const VERSION = 'v0';

function basestring(timestamp: string): string {
  return `${VERSION}:${timestamp}:`;
}

export function verifySlackV0(request: WebhookRequest, secrets: readonly string[], now: Date): Verification {
  const signature = headerValue(request.headers, SIGNATURE_HEADER);
  if (signature === undefined) return rejected(REJECTION.missingSignature(SIGNATURE_HEADER));
  const timestamp = headerValue(request.headers, TIMESTAMP_HEADER);
  if (timestamp === undefined) return rejected(REJECTION.missingTimestamp(TIMESTAMP_HEADER));
  const window = checkReplayWindow(timestamp, TIMESTAMP_HEADER, now);
  if (!window.ok) return window;
  const provided = prefixedHexDigests([signature], `${VERSION}=`);
  if (provided.length === 0) return rejected(REJECTION.malformedSignature(SIGNATURE_HEADER));
  const expected = secrets.map((secret) => hmacSha256(secret, basestring(timestamp), request.rawBody));
  return anyEqual(provided, expected, digestEqual) ? VERIFIED : rejected(REJECTION.signatureMismatch);
}

export function signSlackV0(rawBody: Buffer, secret: string, context: SigningContext): Record<string, string> {
  const timestamp = unixSeconds(context.now);
  const digest = hmacSha256(secret, basestring(timestamp), rawBody).toString('hex');
  return {
    [SIGNATURE_HEADER.toLowerCase()]: `${VERSION}=${digest}`,
    [TIMESTAMP_HEADER.toLowerCase()]: timestamp,
  };
}
