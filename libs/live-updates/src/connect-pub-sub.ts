import { Redis } from 'ioredis';
import type { Logger } from '@tandem/observability';
import { InMemoryPubSub } from './in-memory-pub-sub';
import type { PubSub } from './pub-sub';
import { RedisPubSub } from './redis-pub-sub';

/** A PubSub that owns its connections: `close` ends the subscribers, then the Redis connections. */
export interface OwnedPubSub {
  pubSub: PubSub;
  close(): Promise<void>;
}

/**
 * The mode's pub/sub: Redis when a URL is given (the distributed mode, so that what the projector
 * publishes reaches the subscribers of every API replica), in memory otherwise (one process).
 * The connections are lazy: a process that never publishes nor subscribes (the gateway, the
 * recorder) opens none.
 */
export function connectPubSub(redisUrl: string | undefined, logger: Logger): OwnedPubSub {
  if (redisUrl === undefined) {
    const pubSub = new InMemoryPubSub();
    return { pubSub, close: () => pubSub.close() };
  }
  const publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  const subscriber = new Redis(redisUrl, { lazyConnect: true });
  for (const connection of [publisher, subscriber]) {
    // Reported, not thrown: ioredis reconnects by itself, and a lost notification only delays a subscriber.
    connection.on('error', (error: unknown) => logger.warn({ err: error }, 'Redis pub/sub connection error'));
  }
  const pubSub = new RedisPubSub(publisher, subscriber, logger);
  return {
    pubSub,
    async close() {
      await pubSub.close();
      await Promise.all([publisher, subscriber].map((connection) => (connection.status === 'wait' ? connection.disconnect() : connection.quit().then(() => undefined))));
    },
  };
}
