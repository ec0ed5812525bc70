import { createHash, randomBytes } from 'node:crypto';

/** Recognisable in logs, configs and secret scanners, like GitHub's `ghp_`. */
export const API_TOKEN_PREFIX = 'tdm_';

/** 256 random bits, base64url: 43 characters after the prefix. */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^tdm_[A-Za-z0-9_-]{43}$/;

/** A fresh secret token; only its hash is ever stored. */
export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
}

/** Whether a presented string can be a token at all: anything else is refused without a look-up. */
export function isWellFormedApiToken(candidate: string): boolean {
  return TOKEN_PATTERN.test(candidate);
}

/**
 * SHA-256, hex. A fast hash is enough: the token carries 256 bits of entropy, so there is nothing
 * to brute-force, and a look-up by hash costs one index probe per request.
 */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The first characters, to tell tokens apart in a listing without revealing them. */
export function apiTokenHint(token: string): string {
  return `${token.slice(0, API_TOKEN_PREFIX.length + 4)}…`;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
