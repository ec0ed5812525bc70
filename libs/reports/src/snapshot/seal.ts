import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { KpiSnapshot, SigningKey, SnapshotContent, SnapshotDigest, SnapshotSignature } from './snapshot-types';
import { canonicalContentJson } from './value-json';

/** The content a digest covers, in the order of the type (the serialisation sorts keys anyway). */
export function contentOf(snapshot: SnapshotContent): SnapshotContent {
  const { format, formatVersion, header, values, coverage } = snapshot;
  return { format, formatVersion, header, values, coverage };
}

function canonicalBytes(content: SnapshotContent): Buffer {
  return Buffer.from(canonicalContentJson(content), 'utf8');
}

/** The digest and signature of the content: same content, same seal, whichever file format carries it. */
export function sealSnapshot(content: SnapshotContent, signing: SigningKey): KpiSnapshot {
  const bytes = canonicalBytes(content);
  return {
    ...contentOf(content),
    digest: { algorithm: 'sha256', value: createHash('sha256').update(bytes).digest('hex') },
    signature: { algorithm: 'hmac-sha256', keyId: signing.keyId, value: hmacOf(bytes, signing.key) },
  };
}

export type SealCheck = 'ok' | 'digest_mismatch' | 'signature_mismatch';

/**
 * Whether the content is what was sealed (its digest) and sealed with this key (its signature).
 * The digest is checked first: a modified file says "modified", whatever key checks it.
 */
export function checkSeal(content: SnapshotContent, digest: SnapshotDigest, signature: SnapshotSignature, key: string): SealCheck {
  const bytes = canonicalBytes(content);
  if (digest.algorithm !== 'sha256' || !sameHex(createHash('sha256').update(bytes).digest('hex'), digest.value)) return 'digest_mismatch';
  if (signature.algorithm !== 'hmac-sha256' || !sameHex(hmacOf(bytes, key), signature.value)) return 'signature_mismatch';
  return 'ok';
}

function hmacOf(bytes: Buffer, key: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(bytes).digest('hex');
}

/** Constant-time comparison: how long a check takes must not tell how much of a forged signature was right. */
function sameHex(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(actual, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** SHA-256 of a file's bytes, as sidecars record it. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
