import { LRUCache } from 'lru-cache';
import { takeToken, type BucketState, type Rate, type RateDecision, type RateLimiter } from './rate-limiter';

/** Buckets of the last 100,000 tokens seen; a forgotten bucket comes back full, as an idle one would. */
const MAX_BUCKETS = 100_000;

/** The embedded mode's limiter: one process, buckets in memory. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly buckets = new LRUCache<string, BucketState>({ max: MAX_BUCKETS });

  constructor(
    private readonly rate: Rate,
    private readonly clock: () => number = Date.now,
  ) {}

  async take(key: string): Promise<RateDecision> {
    const { bucket, decision } = takeToken(this.buckets.get(key), this.clock(), this.rate);
    this.buckets.set(key, bucket);
    return decision;
  }

  async close(): Promise<void> {}
}
