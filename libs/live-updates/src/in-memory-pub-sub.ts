import type { PubSub } from './pub-sub';
import { TopicSubscribers } from './topic-subscribers';

/** The embedded mode's pub/sub: one process. JSON in between, exactly as through Redis. */
export class InMemoryPubSub implements PubSub {
  private readonly subscribers = new TopicSubscribers();

  async publish(topic: string, payload: unknown): Promise<void> {
    this.subscribers.deliver(topic, JSON.stringify(payload));
  }

  async subscribe<T>(topic: string): Promise<AsyncIterableIterator<T>> {
    return this.subscribers.add<T>(topic);
  }

  async close(): Promise<void> {
    this.subscribers.endAll();
  }
}
