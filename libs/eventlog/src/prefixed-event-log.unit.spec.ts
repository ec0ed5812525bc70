import type { ConsumedMessage, Consumer, EventLog, LogMessage, SubscribeOptions } from './event-log.port';
import { PrefixedEventLog } from './prefixed-event-log';

/** Records what reaches the underlying log; its consumers are driven by hand. */
class RecordingLog implements EventLog {
  readonly ensured: string[] = [];
  readonly published: string[] = [];
  readonly subscriptions: SubscribeOptions[] = [];

  async ensureTopics(topics: { name: string; partitions: number }[]): Promise<void> {
    this.ensured.push(...topics.map((topic) => `${topic.name}/${topic.partitions}`));
  }
  async publish(topic: string, messages: LogMessage[]): Promise<void> {
    this.published.push(...messages.map((message) => `${topic}:${message.key}`));
  }
  async subscribe(options: SubscribeOptions): Promise<Consumer> {
    this.subscriptions.push(options);
    return { stop: async () => undefined };
  }
  async close(): Promise<void> {}
}

const consumed = (topic: string): ConsumedMessage => ({ topic, partition: 0, offset: '7', timestamp: 0, key: 'k', value: Buffer.from('v'), headers: {} });

describe('PrefixedEventLog', () => {
  it('puts the prefix before every topic it creates or publishes to', async () => {
    const log = new RecordingLog();
    const prefixed = new PrefixedEventLog(log, 'staging.');
    await prefixed.ensureTopics([{ name: 'tandem.webhooks.v1', partitions: 6 }]);
    await prefixed.publish('tandem.webhooks.v1', [{ key: 'pd-P1', value: Buffer.from('{}') }]);
    expect(log.ensured).toEqual(['staging.tandem.webhooks.v1/6']);
    expect(log.published).toEqual(['staging.tandem.webhooks.v1:pd-P1']);
  });

  it('consumes the prefixed topic in a prefixed group, dead-letters to the prefixed topic, and hands over the plain topic name', async () => {
    const log = new RecordingLog();
    const seen: string[] = [];
    await new PrefixedEventLog(log, 'e2e-1.').subscribe({
      topic: 'tandem.webhooks.v1',
      groupId: 'tandem-recorder',
      deadLetterTopic: 'tandem.webhooks.dlq.v1',
      handler: async (message) => void seen.push(message.topic),
    });
    const [subscription] = log.subscriptions;
    expect(subscription).toMatchObject({ topic: 'e2e-1.tandem.webhooks.v1', groupId: 'e2e-1.tandem-recorder', deadLetterTopic: 'e2e-1.tandem.webhooks.dlq.v1' });
    await subscription.handler?.(consumed('e2e-1.tandem.webhooks.v1'));
    expect(seen).toEqual(['tandem.webhooks.v1']);
  });

  it('does the same for batch consumers', async () => {
    const log = new RecordingLog();
    const seen: string[] = [];
    await new PrefixedEventLog(log, 'p-').subscribe({ topic: 't', groupId: 'g', maxBatchSize: 10, batchHandler: async (messages) => void seen.push(...messages.map((message) => message.topic)) });
    const [subscription] = log.subscriptions;
    expect(subscription).toMatchObject({ topic: 'p-t', groupId: 'p-g', maxBatchSize: 10 });
    await subscription.batchHandler?.([consumed('p-t'), consumed('p-t')]);
    expect(seen).toEqual(['t', 't']);
  });
});
