/**
 * The delay a `Retry-After` header asks for, in milliseconds (RFC 9110 §10.2.3): either a number
 * of seconds (what Slack and Microsoft send) or an HTTP date. Undefined when absent or unreadable,
 * so the caller falls back to its own backoff instead of retrying at once.
 */
export function retryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  if (!/[a-z]/i.test(value)) return undefined; // `-5`, `1e3`: neither form
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
