import { EventLogUnavailableError } from '../event-log-unavailable.error';
import { silentLogger, type EventLogLogger } from '../event-log-logger';
import type { Consumer, EventLog, LogMessage, SubscribeOptions } from '../event-log.port';
import { ConsumerGroupTurns } from './consumer-group-turns';
import { InProcessConsumer } from './in-process-consumer';
import { partitionForKey } from './murmur2-partitioner';
import { SqliteLogStore } from './sqlite-log-store';

export interface InProcessEventLogOptions {
  /** SQLite file that keeps the log and the committed offsets across restarts, or ':memory:'. */
  path: string;
  logger?: EventLogLogger;
}

/**
 * The embedded (one-process) mode's event log, with Kafka's semantics on SQLite: keyed
 * partitions, consumer groups with committed offsets, commit after handle, dead letters.
 * One process owns the file: consumers are woken by this instance's own appends.
 */
export class InProcessEventLog implements EventLog {
  private readonly store: SqliteLogStore;
  private readonly logger: EventLogLogger;
  private readonly turns = new ConsumerGroupTurns();
  private readonly consumers = new Set<InProcessConsumer>();
  private closed = false;

  constructor(options: InProcessEventLogOptions) {
    this.store = new SqliteLogStore(options.path);
    this.logger = options.logger ?? silentLogger;
  }

  async ensureTopics(topics: { name: string; partitions: number }[]): Promise<void> {
    this.assertOpen();
    for (const topic of topics) this.store.ensureTopic(topic.name, topic.partitions);
  }

  /** Resolves once the messages are committed to the SQLite file. */
  async publish(topic: string, messages: LogMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    const partitions = this.partitionsOf(topic);
    const stored = messages.map((message) => ({
      partition: partitionForKey(message.key, partitions),
      key: message.key,
      value: message.value,
      headers: message.headers ?? {},
    }));
    this.store.append(topic, stored, Date.now());
    for (const consumer of this.consumers) consumer.notifyAppended(topic);
  }

  async subscribe(options: SubscribeOptions): Promise<Consumer> {
    this.assertOpen();
    const consumer = new InProcessConsumer(options, {
      store: this.store,
      turns: this.turns,
      partitions: this.partitionsOf(options.topic),
      publish: (topic, messages) => this.publish(topic, messages),
      logger: this.logger,
    });
    this.consumers.add(consumer);
    consumer.start();
    return {
      stop: async () => {
        await consumer.stop();
        this.consumers.delete(consumer);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.store.close();
  }

  private partitionsOf(topic: string): number {
    const partitions = this.store.partitionCount(topic);
    if (partitions === 0) throw new Error(`Topic ${topic} does not exist: create it with ensureTopics first`);
    return partitions;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventLogUnavailableError('The in-process event log is closed');
  }
}
