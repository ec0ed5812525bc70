import type { Consumer as KafkaJsConsumer, EachBatchPayload, IHeaders, KafkaMessage } from 'kafkajs';
import type { EventLogLogger } from '../event-log-logger';
import type { ConsumedMessage, Consumer, EventLog, SubscribeOptions } from '../event-log.port';
import { handleUnit, handlingUnits } from '../handling-units';

/**
 * How often offsets are committed while a long batch is still being handled. The end of every
 * batch commits anyway; this only bounds the redelivery after a crash in the middle of one.
 */
const COMMIT_INTERVAL_MS = 1_000;
/** How often a long batch resolves what it handled, commits if due and heartbeats. */
const HOUSEKEEPING_INTERVAL_MS = 100;

/**
 * One consumer-group member on one topic. Uses `eachBatch` for throughput (one fetch, one commit
 * per batch) while keeping commit-after-handle: an offset is resolved only once its handler
 * resolved (or its dead letter was written), and only resolved offsets are ever committed.
 */
export class KafkaSubscription implements Consumer {
  private failed = false;
  private stopping?: Promise<void>;

  constructor(
    private readonly consumer: KafkaJsConsumer,
    private readonly options: SubscribeOptions,
    private readonly publish: EventLog['publish'],
    private readonly logger: EventLogLogger,
  ) {}

  async start(): Promise<void> {
    const { topic, fromBeginning = true } = this.options;
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.fail(payload.error);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [topic], fromBeginning });
    // autoCommit off: kafkajs would otherwise also commit on its own schedule and on rebalance.
    // autoCommitInterval still drives `commitOffsetsIfNecessary()` below.
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.batchHandler ? (this.options.concurrentPartitions ?? 1) : 1,
      autoCommit: false,
      autoCommitInterval: COMMIT_INTERVAL_MS,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  stop(): Promise<void> {
    const { topic, groupId } = this.options;
    this.stopping ??= this.consumer.disconnect().catch((error: unknown) => {
      this.logger.warn({ err: error, topic, groupId }, 'Kafka consumer did not disconnect cleanly');
    });
    return this.stopping;
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, uncommittedOffsets, isRunning, isStale } =
      payload;
    let lastHandled: string | undefined;
    let lastHousekeeping = Date.now();
    try {
      const messages = batch.messages.map((message) => toConsumedMessage(batch.topic, batch.partition, message));
      for (const unit of handlingUnits(messages, this.options)) {
        // After stop() or a rebalance (stale), leave the rest unresolved: it is redelivered.
        if (!isRunning() || isStale() || this.failed) break;
        const outcome = await handleUnit(unit, this.options, this.publish);
        if (!outcome.commit) {
          this.fail(outcome.error);
          break;
        }
        lastHandled = unit[unit.length - 1].offset;
        // Resolving, committing and heartbeating per unit would cost more than a fast handler.
        if (Date.now() - lastHousekeeping >= HOUSEKEEPING_INTERVAL_MS) {
          resolveOffset(lastHandled);
          await commitOffsetsIfNecessary();
          await heartbeat();
          lastHousekeeping = Date.now();
        }
      }
    } finally {
      // Also when heartbeat() threw because the group is rebalancing: what was handled is kept.
      if (lastHandled !== undefined) resolveOffset(lastHandled);
      await commitOffsetsIfNecessary(uncommittedOffsets());
    }
  }

  /** Stops consuming for good; the failed message is not committed, so the group gets it again. */
  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    const { topic, groupId } = this.options;
    this.logger.error({ err: error, topic, groupId }, 'Kafka consumer stopped after a failure');
    this.options.onFailure?.(error);
    // Not awaited: inside eachBatch, disconnect waits for this very batch to return.
    void this.stop();
  }
}

function toConsumedMessage(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: Number(message.timestamp),
    key: message.key?.toString() ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: headersAsStrings(message.headers),
  };
}

function headersAsStrings(headers: IHeaders | undefined): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    // Our producers write each header once; a repeated header keeps its first value.
    strings[name] = (Array.isArray(value) ? value[0] : value).toString();
  }
  return strings;
}
