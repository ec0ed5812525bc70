import type { Redis } from 'ioredis';
import type { Rate, RateDecision, RateLimiter } from './rate-limiter';

/**
 * `takeToken` (rate-limiter.ts) as one atomic script, on Redis's clock, so that every API replica
 * draws from the same bucket. Returns {1, 0} when allowed, else {0, milliseconds to wait}.
 */
const TAKE_TOKEN_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
if allowed == 1 then
  return {1, 0}
end
return {0, math.ceil((1 - tokens) / rate * 1000)}
`;

interface TokenBucketCommands {
  tandemTakeToken(key: string, perSecond: number, burst: number): Promise<[number, number]>;
}

/** The distributed mode's limiter: buckets in Redis, shared by the replicas. */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis & TokenBucketCommands;

  constructor(
    redis: Redis,
    private readonly rate: Rate,
    private readonly keyPrefix = 'tandem:rate:',
  ) {
    redis.defineCommand('tandemTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN_SCRIPT });
    this.redis = redis as Redis & TokenBucketCommands;
  }

  async take(key: string): Promise<RateDecision> {
    const [allowed, waitMs] = await this.redis.tandemTakeToken(`${this.keyPrefix}${key}`, this.rate.perSecond, this.rate.burst);
    return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** The connection belongs to whoever passed it in. */
  async close(): Promise<void> {}
}
