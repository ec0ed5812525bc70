import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(key: Buffer | string, ...parts: readonly (Buffer | string)[]): Buffer {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Constant-time equality for values of any length. Both sides are hashed first, so the comparison
 * neither throws on a length difference (as `timingSafeEqual` does) nor reveals the secret's length.
 */
export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * Constant-time equality of a provided digest with a computed one. A SHA-256 digest's length is
 * public, so unlike `constantTimeEqual` nothing needs hiding but the bytes: no hashing (two hash
 * objects per comparison were a tenth of the gateway's verification cost).
 */
export function digestEqual(provided: Buffer, computed: Buffer): boolean {
  return provided.length === computed.length && timingSafeEqual(provided, computed);
}

/**
 * Whether any provided value equals any expected one (several signatures sent during a vendor's
 * rotation × several secrets configured during ours). Every pair is compared, without stopping at
 * the first match, so the timing says nothing about which secret or signature matched. `equal` is
 * `digestEqual` for computed signatures, `constantTimeEqual` (the default) for shared tokens.
 */
export function anyEqual(provided: readonly Buffer[], expected: readonly Buffer[], equal = constantTimeEqual): boolean {
  let matched = false;
  for (const candidate of provided) {
    for (const reference of expected) {
      matched = equal(candidate, reference) || matched;
    }
  }
  return matched;
}

/** Canonical base64 (with padding), as vendors print their keys and signatures. */
export function isBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}
