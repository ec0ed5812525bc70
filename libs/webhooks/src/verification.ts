/**
 * The outcome of an authenticity check. A rejection carries a reason for the caller (and the
 * 401 answer): what was missing or wrong, never which configured secret came close.
 */
export type Verification = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export const VERIFIED: Verification = { ok: true };

export function rejected(reason: string): Verification {
  return { ok: false, reason };
}

export const REJECTION = {
  noSecret: (source: string) => `no secret configured for ${source}`,
  missingSignature: (header: string) => `missing signature header ${header}`,
  malformedSignature: (header: string) => `malformed signature header ${header}`,
  signatureMismatch: 'signature mismatch',
  missingToken: (header: string) => `missing token header ${header}`,
  tokenMismatch: 'token mismatch',
  missingTimestamp: (header: string) => `missing timestamp header ${header}`,
  malformedTimestamp: (header: string) => `malformed timestamp header ${header}`,
  outsideReplayWindow: 'timestamp outside the 5-minute window',
} as const;
