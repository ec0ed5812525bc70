import { Kafka, Partitioners, type Message, type Producer } from 'kafkajs';
import { EventLogUnavailableError } from '../event-log-unavailable.error';
import { silentLogger, type EventLogLogger } from '../event-log-logger';
import type { Consumer, EventLog, LogMessage, SubscribeOptions } from '../event-log.port';
import { isRefusedByBroker, withinBound } from './kafka-errors';
import { KafkaSubscription } from './kafka-subscription';
import { PublishCoalescer, type TopicBatch } from './publish-coalescer';
import { KAFKAJS_LOG_LEVEL, kafkajsLogBridge } from './kafkajs-log-bridge';

export interface KafkaEventLogOptions {
  /** host:port of the bootstrap brokers. */
  brokers: string[];
  clientId?: string;
  /**
   * How long publish and ensureTopics wait for the broker before rejecting with
   * EventLogUnavailableError, so an HTTP gateway can answer 503 instead of hanging.
   */
  unavailableAfterMs?: number;
  logger?: EventLogLogger;
}

const DEFAULT_UNAVAILABLE_AFTER_MS = 5_000;
/** Every replica in sync must have the message before publish resolves. */
const ACKS_ALL = -1;

/** The distributed mode's event log: Kafka through kafkajs. */
export class KafkaEventLog implements EventLog {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly unavailableAfterMs: number;
  private readonly logger: EventLogLogger;
  private producerConnection?: Promise<void>;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly publisher = new PublishCoalescer((batches) => this.send(batches), isRefusedByBroker);
  private closed = false;

  constructor(options: KafkaEventLogOptions) {
    this.unavailableAfterMs = options.unavailableAfterMs ?? DEFAULT_UNAVAILABLE_AFTER_MS;
    this.logger = options.logger ?? silentLogger;
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'tandem',
      brokers: options.brokers,
      logLevel: KAFKAJS_LOG_LEVEL,
      logCreator: kafkajsLogBridge(this.logger),
      // Short retries: publish gives up at unavailableAfterMs anyway, and a give-up must not
      // leave kafkajs retrying in the background for much longer.
      connectionTimeout: Math.min(this.unavailableAfterMs, 3_000),
      retry: { initialRetryTime: 100, retries: 5 },
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      allowAutoTopicCreation: false,
      // Kafka's own (Java client) murmur2 key hashing: same key, same partition, whichever client wrote it.
      createPartitioner: Partitioners.DefaultPartitioner,
      // Bounded (idempotence defaults to endless retries): a publish the caller was told failed
      // should not land minutes later. kafkajs warns about this once; the bound is deliberate.
      retry: { initialRetryTime: 100, retries: 5 },
    });
  }

  async ensureTopics(topics: { name: string; partitions: number }[]): Promise<void> {
    this.assertOpen();
    await withinBound('ensureTopics', this.unavailableAfterMs, async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        // Asking first keeps the broker from logging "topic already exists" on every start-up.
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((topic) => !existing.has(topic.name));
        if (missing.length === 0) return;
        // A topic created meanwhile by someone else is not an error for kafkajs either.
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic: topic.name, numPartitions: topic.partitions })),
        });
      } finally {
        await admin.disconnect();
      }
    });
  }

  /** Concurrent publishes share produce requests (see PublishCoalescer); each resolves once its messages are acknowledged. */
  async publish(topic: string, messages: LogMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    const deadline = Date.now() + this.unavailableAfterMs;
    await withinBound(`publish to ${topic}`, this.unavailableAfterMs, () => this.publisher.publish(topic, messages, deadline));
  }

  async subscribe(options: SubscribeOptions): Promise<Consumer> {
    this.assertOpen();
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      // An idle fetch waits at most this long, which is also how long stop() may wait for it.
      maxWaitTimeInMs: 500,
      // Undefined keeps kafkajs's default (1 MiB).
      maxBytesPerPartition: options.batchHandler ? options.maxBytesPerPartition : undefined,
    });
    const publish: EventLog['publish'] = (topic, messages) => this.publish(topic, messages);
    const subscription = new KafkaSubscription(consumer, options, publish, this.logger);
    this.subscriptions.add(subscription);
    try {
      await subscription.start();
    } catch (error) {
      await this.stopSubscription(subscription);
      throw error;
    }
    return { stop: () => this.stopSubscription(subscription) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => this.stopSubscription(subscription)));
    await this.publisher.idle();
    await this.producer.disconnect();
  }

  private async send(batches: TopicBatch[]): Promise<void> {
    await this.connectProducer();
    await this.producer.sendBatch({
      acks: ACKS_ALL,
      topicMessages: batches.map(({ topic, messages }) => ({ topic, messages: messages.map(toKafkaMessage) })),
    });
  }

  private connectProducer(): Promise<void> {
    // A failed connection is forgotten so that the next publish tries again.
    this.producerConnection ??= this.producer.connect().catch((error: unknown) => {
      this.producerConnection = undefined;
      throw error;
    });
    return this.producerConnection;
  }

  private async stopSubscription(subscription: KafkaSubscription): Promise<void> {
    await subscription.stop();
    this.subscriptions.delete(subscription);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventLogUnavailableError('The Kafka event log is closed');
  }
}

function toKafkaMessage(message: LogMessage): Message {
  return { key: message.key, value: message.value, headers: message.headers };
}
