import { InMemoryRateLimiter } from './in-memory-rate-limiter';
import { takeToken } from './rate-limiter';

describe('the token bucket', () => {
  const rate = { perSecond: 2, burst: 3 };

  it('allows a burst, then one request per refill, and says how long to wait', () => {
    let bucket = takeToken(undefined, 0, rate).bucket;
    bucket = takeToken(bucket, 0, rate).bucket;
    bucket = takeToken(bucket, 0, rate).bucket;

    expect(takeToken(bucket, 0, rate).decision).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(takeToken(bucket, 499, rate).decision).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(takeToken(bucket, 500, rate).decision).toEqual({ allowed: true });
  });

  it('never holds more than the burst, however long idle', () => {
    const idle = takeToken({ tokens: 0, atMs: 0 }, 3_600_000, rate).bucket;

    expect(idle.tokens).toBe(2);
  });

  it('rounds the wait up to whole seconds for Retry-After', () => {
    expect(takeToken({ tokens: 0, atMs: 0 }, 0, { perSecond: 0.2, burst: 1 }).decision).toEqual({ allowed: false, retryAfterSeconds: 5 });
  });

  it('keeps one bucket per key in memory', async () => {
    let now = 0;
    const limiter = new InMemoryRateLimiter({ perSecond: 1, burst: 1 }, () => now);

    expect(await limiter.take('a')).toEqual({ allowed: true });
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await limiter.take('b')).toEqual({ allowed: true });
    now = 1_000;
    expect(await limiter.take('a')).toEqual({ allowed: true });
  });
});
