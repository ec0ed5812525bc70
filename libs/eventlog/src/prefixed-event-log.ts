import type { ConsumedMessage, Consumer, EventLog, LogMessage, SubscribeOptions } from './event-log.port';

/**
 * An event log whose topics and consumer groups all carry `prefix` (`KAFKA_TOPIC_PREFIX`), so that
 * several Tandem installations (staging and production, or one test run and another) can share
 * one Kafka cluster without reading each other's deliveries. The apps keep using the plain names;
 * consumed messages report them too.
 */
export class PrefixedEventLog implements EventLog {
  constructor(
    private readonly log: EventLog,
    private readonly prefix: string,
  ) {}

  ensureTopics(topics: { name: string; partitions: number }[]): Promise<void> {
    return this.log.ensureTopics(topics.map((topic) => ({ ...topic, name: this.prefix + topic.name })));
  }

  publish(topic: string, messages: LogMessage[]): Promise<void> {
    return this.log.publish(this.prefix + topic, messages);
  }

  subscribe(options: SubscribeOptions): Promise<Consumer> {
    const names = { topic: this.prefix + options.topic, groupId: this.prefix + options.groupId };
    const plain = (message: ConsumedMessage): ConsumedMessage => ({ ...message, topic: message.topic.slice(this.prefix.length) });
    if (options.batchHandler) {
      const { batchHandler } = options;
      return this.log.subscribe({ ...options, ...names, batchHandler: (messages) => batchHandler(messages.map(plain)) });
    }
    const { handler, deadLetterTopic } = options;
    return this.log.subscribe({
      ...options,
      ...names,
      handler: (message) => handler(plain(message)),
      deadLetterTopic: deadLetterTopic === undefined ? undefined : this.prefix + deadLetterTopic,
    });
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
