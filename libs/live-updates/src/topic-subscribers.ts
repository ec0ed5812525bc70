import { MessageQueue } from './message-queue';

/** Subscribers' queues by topic; tells when a topic loses its last subscriber. */
export class TopicSubscribers {
  private readonly queues = new Map<string, Set<MessageQueue<unknown>>>();

  constructor(private readonly onLastLeft: (topic: string) => void = () => undefined) {}

  add<T>(topic: string): MessageQueue<T> {
    const existing = this.queues.get(topic);
    const queues = existing ?? new Set<MessageQueue<unknown>>();
    const queue: MessageQueue<unknown> = new MessageQueue(() => {
      queues.delete(queue);
      if (queues.size === 0 && this.queues.get(topic) === queues) {
        this.queues.delete(topic);
        this.onLastLeft(topic);
      }
    });
    queues.add(queue);
    if (!existing) this.queues.set(topic, queues);
    return queue as MessageQueue<T>;
  }

  deliver(topic: string, message: string): void {
    const queues = this.queues.get(topic);
    if (!queues) return;
    for (const queue of queues) queue.push(JSON.parse(message));
  }

  endAll(): void {
    for (const queues of [...this.queues.values()]) for (const queue of [...queues]) queue.end();
  }
}
