import { anyEqual, digestEqual, hmacSha256 } from '../crypto';
import { headerValue, type WebhookRequest } from '../headers';
import { REJECTION, rejected, VERIFIED, type Verification } from '../verification';

/**
 * `<prefix><hex HMAC-SHA256(secret, raw body)>` in one header: GitHub (`X-Hub-Signature-256:
 * sha256=…`), Jira (`X-Hub-Signature: sha256=…`) and PagerDuty (`X-PagerDuty-Signature: v1=…`).
 */
export interface HexBodyHmacScheme {
  /** The header as the vendor documents it (looked up case-insensitively). */
  readonly header: string;
  readonly prefix: string;
  /** Set when the header may carry several signatures: PagerDuty sends `v1=a,v1=b` while it rotates. */
  readonly separator?: string;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** The SHA-256 digests among `entries` that carry `prefix`; other versions and junk are ignored. */
export function prefixedHexDigests(entries: readonly string[], prefix: string): Buffer[] {
  return entries
    .filter((entry) => entry.startsWith(prefix))
    .map((entry) => entry.slice(prefix.length))
    .filter((hex) => HEX_SHA256.test(hex))
    .map((hex) => Buffer.from(hex, 'hex'));
}

export function verifyHexBodyHmac(
  scheme: HexBodyHmacScheme,
  request: WebhookRequest,
  secrets: readonly string[],
): Verification {
  const value = headerValue(request.headers, scheme.header);
  if (value === undefined) return rejected(REJECTION.missingSignature(scheme.header));
  const entries = scheme.separator === undefined ? [value] : value.split(scheme.separator).map((entry) => entry.trim());
  const provided = prefixedHexDigests(entries, scheme.prefix);
  if (provided.length === 0) return rejected(REJECTION.malformedSignature(scheme.header));
  const expected = secrets.map((secret) => hmacSha256(secret, request.rawBody));
  return anyEqual(provided, expected, digestEqual) ? VERIFIED : rejected(REJECTION.signatureMismatch);
}

export function signHexBodyHmac(scheme: HexBodyHmacScheme, rawBody: Buffer, secret: string): Record<string, string> {
  return { [scheme.header.toLowerCase()]: `${scheme.prefix}${hmacSha256(secret, rawBody).toString('hex')}` };
}
