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

export interface SubscribeOptions {
  topic: string;
  groupId: string;
  /**
   * Handles one message. The offset is committed only after the promise resolves; a rejection
   * sends the message to `deadLetterTopic` (with its original headers and the error) when one is
   * given, otherwise the consumer stops and the message is redelivered on restart.
   */
  handler: (message: ConsumedMessage) => Promise<void>;
  deadLetterTopic?: string;
  /** Where a group with no committed offset starts. Default: the beginning. */
  fromBeginning?: boolean;
  /**
   * Called when the consumer stops by itself: a handler failed with no dead-letter topic (or the
   * dead letter could not be written), or the log failed for good. The owner decides what next
   * (restart, report unhealthy); nothing is committed past the failed message.
   */
  onFailure?: (error: Error) => void;
}

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
