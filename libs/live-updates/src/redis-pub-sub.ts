import type { Redis } from 'ioredis';
import type { Logger } from '@tandem/observability';
import type { PubSub } from './pub-sub';
import { TopicSubscribers } from './topic-subscribers';

/**
 * The distributed mode's pub/sub over Redis channels `tandem:live:<topic>`. Needs a connection of
 * its own for subscribing (a subscribed Redis connection can do nothing else); one channel
 * subscription per topic, however many GraphQL subscribers it has.
 */
export class RedisPubSub implements PubSub {
  private readonly subscribers: TopicSubscribers;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly logger: Logger,
    private readonly prefix = 'tandem:live:',
  ) {
    this.subscribers = new TopicSubscribers((topic) => this.unsubscribe(topic));
    subscriber.on('message', (channel: string, message: string) => {
      if (channel.startsWith(this.prefix)) this.subscribers.deliver(channel.slice(this.prefix.length), message);
    });
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    await this.publisher.publish(this.prefix + topic, JSON.stringify(payload));
  }

  async subscribe<T>(topic: string): Promise<AsyncIterableIterator<T>> {
    const queue = this.subscribers.add<T>(topic);
    // Subscribing again to a channel is a no-op for Redis; its acknowledgement says the channel is live.
    await this.subscriber.subscribe(this.prefix + topic).catch((error: unknown) => {
      queue.end();
      throw error;
    });
    return queue;
  }

  async close(): Promise<void> {
    this.subscribers.endAll();
  }

  private unsubscribe(topic: string): void {
    this.subscriber.unsubscribe(this.prefix + topic).catch((error: unknown) => this.logger.warn({ err: error, topic }, 'Redis unsubscribe failed'));
  }
}
