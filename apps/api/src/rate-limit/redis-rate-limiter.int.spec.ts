import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { expectEventually } from '@tandem/testing';
import { RedisRateLimiter } from './redis-rate-limiter';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('the Redis rate limiter', () => {
  const connections: Redis[] = [];
  const connect = () => {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    return redis;
  };
  /** A limiter as one API replica has it; replicas given the same prefix share their buckets. */
  const replica = (rate: { perSecond: number; burst: number }, prefix = `tandem-test:rate:${randomUUID()}:`) =>
    new RedisRateLimiter(connect(), rate, prefix);

  afterAll(async () => {
    await Promise.all(connections.map((redis) => redis.quit()));
  });

  it('shares one bucket per key between replicas, with the wait until the next token', async () => {
    const prefix = `tandem-test:rate:${randomUUID()}:`;
    const [a, b] = [replica({ perSecond: 1, burst: 3 }, prefix), replica({ perSecond: 1, burst: 3 }, prefix)];

    expect(await a.take('token-1')).toEqual({ allowed: true });
    expect(await b.take('token-1')).toEqual({ allowed: true });
    expect(await a.take('token-1')).toEqual({ allowed: true });
    expect(await b.take('token-1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await a.take('token-2')).toEqual({ allowed: true });
  });

  it('refills at the configured rate', async () => {
    const limiter = replica({ perSecond: 20, burst: 1 });
    expect(await limiter.take('k')).toEqual({ allowed: true });
    expect(await limiter.take('k')).toMatchObject({ allowed: false });

    await expectEventually(async () => expect(await limiter.take('k')).toEqual({ allowed: true }), { intervalMs: 10 });
  });

  it('forgets idle buckets', async () => {
    const redis = connect();
    const prefix = `tandem-test:rate:${randomUUID()}:`;
    await new RedisRateLimiter(redis, { perSecond: 10, burst: 2 }, prefix).take('k');

    const ttlMs = await redis.pttl(`${prefix}k`);
    expect(ttlMs).toBeGreaterThan(0);
    expect(ttlMs).toBeLessThanOrEqual(1_200);
  });
});
