/**
 * The event log port: a partitioned, keyed, durable log with consumer groups (Kafka's model).
 * Adapters: Kafka (kafkajs) for the distributed mode, an in-process log for the embedded mode.
 * Both pass the same contract suite.
 */
export interface LogMessage {
  /** Messages with the same key keep their order (same partition). */
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
}

export interface ConsumedMessage extends Required<LogMessage> {
  topic: string;
  partition: number;
  offset: string;
  /** Epoch milliseconds at which the log accepted the message. */
  timestamp: number;
}

interface SubscriptionBase {
  topic: string;
  groupId: string;
  /** Where a group with no committed offset starts. Default: the beginning. */
  fromBeginning?: boolean;
  /**
   * Called when the consumer stops by itself: a handler failed with no dead-letter topic (or the
   * dead letter could not be written), or the log failed for good. The owner decides what next
   * (restart, report unhealthy); nothing is committed past the failed message.
   */
  onFailure?: (error: Error) => void;
}

/** One message at a time. */
export interface MessageSubscribeOptions extends SubscriptionBase {
  /**
   * Handles one message. The offset is committed only after the promise resolves; a rejection
   * sends the message to `deadLetterTopic` (with its original headers and the error) when one is
   * given, otherwise the consumer stops and the message is redelivered on restart.
   */
  handler: (message: ConsumedMessage) => Promise<void>;
  deadLetterTopic?: string;
  batchHandler?: never;
}

/**
 * Several messages at a time, for handlers whose cost is per call rather than per message (one
 * database transaction for a whole batch).
 */
export interface BatchSubscribeOptions extends SubscriptionBase {
  /**
   * Handles consecutive messages of one partition, in offset order (never an empty batch). Their
   * offsets are committed only after the promise resolves; a rejection stops the consumer without
   * committing any message of the batch, so the whole batch is redelivered on restart. There is no
   * dead-letter topic: the handler parks what it cannot read itself, since only it knows which
   * message of the batch is at fault.
   */
  batchHandler: (messages: ConsumedMessage[]) => Promise<void>;
  /** Largest batch handed over at once. Default 500. */
  maxBatchSize?: number;
  /**
   * How many partitions may have a batch in the handler at the same time (each partition's
   * batches still come one after the other, in order). More than 1 lets a handler that waits on
   * I/O for one batch work on another meanwhile. Default 1.
   */
  concurrentPartitions?: number;
  /**
   * Where the log reads in fetches (Kafka), the most bytes read from one partition per fetch,
   * which also bounds a batch: a partition of large messages wants more than the default 1 MiB
   * for its batches to reach `maxBatchSize`.
   */
  maxBytesPerPartition?: number;
  handler?: never;
  deadLetterTopic?: never;
}

export type SubscribeOptions = MessageSubscribeOptions | BatchSubscribeOptions;

export interface Consumer {
  /** Stops fetching, lets the in-flight handler finish, commits, leaves the group. */
  stop(): Promise<void>;
}

export interface EventLog {
  /** Creates the topics if missing (idempotent). */
  ensureTopics(topics: { name: string; partitions: number }[]): Promise<void>;
  /** Resolves once every message is durably accepted (acks=all); rejects with `EventLogUnavailableError`. */
  publish(topic: string, messages: LogMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Consumer>;
  close(): Promise<void>;
}
