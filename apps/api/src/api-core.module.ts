import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { TandemConfig } from '@tandem/config';
import type { Logger } from '@tandem/observability';
import { CONFIG, LOGGER } from '@tandem/runtime';
import { Redis } from 'ioredis';
import { AuditLogWriter } from './access/audit-log-writer';
import { Authenticator } from './access/authenticator';
import { API_REDIS, RATE_LIMITER } from './api.tokens';
import { ApiContextFactory } from './context/api-context';
import { ApiRequests } from './http/api-requests';
import { InMemoryPubSub } from './live-updates/in-memory-pub-sub';
import { PUB_SUB, type PubSub } from './live-updates/pub-sub';
import { RedisPubSub } from './live-updates/redis-pub-sub';
import { InMemoryRateLimiter } from './rate-limit/in-memory-rate-limiter';
import type { RateLimiter } from './rate-limit/rate-limiter';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter';
import { addReadinessCheck } from './readiness';

/** The API's Redis connections (distributed mode): one for commands, one held by pub/sub subscriptions. */
export interface ApiRedis {
  commands: Redis;
  subscriber: Redis;
}

function connectRedis(config: TandemConfig): ApiRedis | undefined {
  if (config.mode !== 'distributed' || !config.redis) return undefined;
  // Fail fast rather than queue: a request waiting on Redis is answered 503 and retried.
  return {
    commands: new Redis(config.redis.url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 }),
    subscriber: new Redis(config.redis.url),
  };
}

/**
 * The API's ports and per-request plumbing, global so that every resolver module can inject them
 * (`PUB_SUB` above all): in-memory adapters in the embedded mode, Redis in the distributed mode.
 */
@Global()
@Module({
  providers: [
    ApiRequests,
    Authenticator,
    AuditLogWriter,
    ApiContextFactory,
    { provide: API_REDIS, inject: [CONFIG], useFactory: connectRedis },
    {
      provide: RATE_LIMITER,
      inject: [CONFIG, API_REDIS],
      useFactory: (config: TandemConfig, redis: ApiRedis | undefined): RateLimiter =>
        redis ? new RedisRateLimiter(redis.commands, config.api.rateLimit) : new InMemoryRateLimiter(config.api.rateLimit),
    },
    {
      provide: PUB_SUB,
      inject: [API_REDIS, LOGGER],
      useFactory: (redis: ApiRedis | undefined, logger: Logger): PubSub =>
        redis ? new RedisPubSub(redis.commands, redis.subscriber, logger.child({ component: 'pub-sub' })) : new InMemoryPubSub(),
    },
  ],
  exports: [ApiRequests, Authenticator, ApiContextFactory, RATE_LIMITER, PUB_SUB],
})
export class ApiCoreModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(API_REDIS) private readonly redis: ApiRedis | undefined,
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const redis = this.redis;
    if (redis) addReadinessCheck(this.moduleRef, { name: 'redis', check: async () => void (await redis.commands.ping()) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pubSub.close();
    await this.rateLimiter.close();
    if (this.redis) await Promise.all([this.redis.commands.quit(), this.redis.subscriber.quit()]);
  }
}
