/** Whether a request may go ahead, and if not, when to come back. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A token bucket: refilled at `perSecond`, holding at most `burst` (the rate limit's port). */
export interface RateLimiter {
  /** Takes one token from `key`'s bucket. */
  take(key: string): Promise<RateDecision>;
  close(): Promise<void>;
}

export interface BucketState {
  tokens: number;
  /** Epoch milliseconds of the last take. */
  atMs: number;
}

export interface Rate {
  perSecond: number;
  burst: number;
}

/** One take at `nowMs` from a bucket (a new bucket is full): the next state and the decision. */
export function takeToken(bucket: BucketState | undefined, nowMs: number, rate: Rate): { bucket: BucketState; decision: RateDecision } {
  const elapsedSeconds = Math.max(0, nowMs - (bucket?.atMs ?? nowMs)) / 1000;
  const tokens = Math.min(rate.burst, (bucket?.tokens ?? rate.burst) + elapsedSeconds * rate.perSecond);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, atMs: nowMs }, decision: { allowed: true } };
  return { bucket: { tokens, atMs: nowMs }, decision: { allowed: false, retryAfterSeconds: Math.ceil((1 - tokens) / rate.perSecond) } };
}
