import { isUtf8 } from 'node:buffer';

/** `text` is the body decoded once, for the envelope, which carries it as text. */
export type JsonBody = { readonly ok: true; readonly value: unknown; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * Parses a webhook body. JSON must be UTF-8 (RFC 8259 §8.1); refusing anything else up front is
 * also what lets the envelope carry the body as text and still give back the exact signed bytes.
 */
export function parseJsonBody(rawBody: Buffer): JsonBody {
  if (!isUtf8(rawBody)) return { ok: false, reason: 'body is not valid UTF-8' };
  const text = rawBody.toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
}
