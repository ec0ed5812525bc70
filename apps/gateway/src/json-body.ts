import { isUtf8 } from 'node:buffer';

export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

/**
 * Parses a webhook body. JSON must be UTF-8 (RFC 8259 §8.1); refusing anything else up front is
 * also what lets the envelope's body be read back as text that gives the exact signed bytes.
 */
export function parseJsonBody(rawBody: Buffer): JsonBody {
  if (!isUtf8(rawBody)) return { ok: false, reason: 'body is not valid UTF-8' };
  try {
    return { ok: true, value: JSON.parse(rawBody.toString('utf8')) };
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
}
