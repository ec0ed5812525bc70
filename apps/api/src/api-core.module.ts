import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { TandemConfig } from '@tandem/config';
import { CONFIG } from '@tandem/runtime';
import { Redis } from 'ioredis';
import { AuditLogWriter } from './access/audit-log-writer';
import { Authenticator } from './access/authenticator';
import { API_REDIS, RATE_LIMITER } from './api.tokens';
import { ApiContextFactory } from './context/api-context';
import { ApiRequests } from './http/api-requests';
import { InMemoryRateLimiter } from './rate-limit/in-memory-rate-limiter';
import type { RateLimiter } from './rate-limit/rate-limiter';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter';
import { addReadinessCheck } from './readiness';

/** The API's Redis connection (distributed mode), for the rate limits. Live updates have their own (PUB_SUB, from the runtime). */
export interface ApiRedis {
  commands: Redis;
}

function connectRedis(config: TandemConfig): ApiRedis | undefined {
  if (config.mode !== 'distributed' || !config.redis) return undefined;
  // Fail fast rather than queue: a request waiting on Redis is answered 503 and retried.
  return { commands: new Redis(config.redis.url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 }) };
}

/**
 * The API's ports and per-request plumbing, global so that every resolver module can inject them:
 * in-memory adapters in the embedded mode, Redis in the distributed mode. (`PUB_SUB` is the
 * runtime's: @tandem/live-updates.)
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
  ],
  exports: [ApiRequests, Authenticator, ApiContextFactory, RATE_LIMITER],
})
export class ApiCoreModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(API_REDIS) private readonly redis: ApiRedis | undefined,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const redis = this.redis;
    if (redis) addReadinessCheck(this.moduleRef, { name: 'redis', check: async () => void (await redis.commands.ping()) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rateLimiter.close();
    if (this.redis) await this.redis.commands.quit();
  }
}
