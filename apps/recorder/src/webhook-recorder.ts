import type { DeliveryArchive, DeliveryToArchive } from '@tandem/archive';
import {
  deadLetterOf,
  EventLogUnavailableError,
  WEBHOOKS_DLQ_TOPIC,
  type ConsumedMessage,
  type Consumer,
  type EventLog,
  type LogMessage,
} from '@tandem/eventlog';
import type { EventStore, StreamAppend } from '@tandem/eventstore';
import type { Logger } from '@tandem/observability';
import type { NormalizerRegistry, NormalizerSettings } from '@tandem/sources';
import { GroupCommit } from './group-commit';
import { readLogMessage, type DeadLettered, type DeliveryReading } from './read-delivery';
import { recordDeliveries, type RecordingDependencies } from './record-deliveries';
import { RecorderMetrics } from './recorder-metrics';

export interface WebhookRecorderDependencies {
  eventLog: EventLog;
  eventStore: EventStore;
  archive: DeliveryArchive;
  normalizers: NormalizerRegistry;
  settings: NormalizerSettings;
  metrics: RecorderMetrics;
  logger: Logger;
  /** Where unreadable deliveries are parked. Default `tandem.webhooks.dlq.v1`. */
  deadLetterTopic?: string;
  /** How long an outage of the store or the log is retried before the consumer gives up. Default 60 s. */
  maxOutageMs?: number;
}

/** The dead-letter header saying why, as a code (`tandem_webhooks_dlq_total`'s reason label). */
export const DEAD_LETTER_REASON_HEADER = 'tandem-dlq-reason';
/**
 * Batches of this many partitions in flight at once: one is normalized (CPU) while the others wait
 * on the store, where their writes go together (`GroupCommit`); each partition keeps its order.
 * All 6 partitions at once measured no faster, and used more CPU per delivery.
 */
const CONCURRENT_PARTITIONS = 3;
/**
 * A delivery is ~6 KB on average but a GitHub one 7 to 28 KB, and one repository's deliveries share
 * a partition: at Kafka's default 1 MiB per partition and fetch, that partition's batches held
 * ~90 deliveries, each paying the store's round trips. 8 MiB lets them reach the 500 of a batch
 * (a whole fetch stays within kafkajs's 10 MiB).
 */
const FETCH_BYTES_PER_PARTITION = 8 * 1024 * 1024;
/** An error header stays a header, however long the normalizer's explanation. */
const MAX_ERROR_HEADER_LENGTH = 2_000;

/**
 * Turns batches of deliveries from the webhook topic into canonical events, dead letters and
 * archive rows (see `recordDeliveries` for the order), before the batch's offsets are committed.
 *
 * Two kinds of failure, two answers:
 * - a delivery cannot be read (bad envelope, unknown event type, malformed payload, refused by the
 *   store): it is parked in the dead-letter topic with the reason and the partition keeps flowing;
 * - the store or the log does not answer: retried with backoff; if it stays down, the batch
 *   handler rejects, nothing of the batch is committed and it is read again after a restart.
 *   Nothing is lost, and since every write is idempotent, nothing is doubled.
 */
export class WebhookRecorder {
  private stopping = false;
  /** The stores as the batches write to them: one transaction for the batches that wait together. */
  private readonly eventStore: RecordingDependencies['eventStore'];
  private readonly archive: RecordingDependencies['archive'];

  constructor(private readonly deps: WebhookRecorderDependencies) {
    const appends = new GroupCommit((entries: StreamAppend[]) => deps.eventStore.appendMany(entries));
    const archiveRows = new GroupCommit(async (rows: DeliveryToArchive[]) => {
      await deps.archive.record(rows);
      return rows.map(() => undefined);
    });
    this.eventStore = { appendMany: (entries) => appends.submit(entries), headPosition: () => deps.eventStore.headPosition() };
    this.archive = { record: async (rows) => void (await archiveRows.submit(rows)) };
  }

  /** Consumes `topic` in `groupId` until stopped; `onFailure` hears of an outage that outlasted the retries. */
  async consume(options: { topic: string; groupId: string; onFailure: (error: Error) => void }): Promise<Consumer> {
    this.stopping = false;
    const consumer = await this.deps.eventLog.subscribe({
      ...options,
      concurrentPartitions: CONCURRENT_PARTITIONS,
      maxBytesPerPartition: FETCH_BYTES_PER_PARTITION,
      batchHandler: (messages) => this.recordBatch(messages),
    });
    return {
      stop: async () => {
        // Ends the retries of an in-flight batch: it is left uncommitted, for the next consumer.
        this.stopping = true;
        await consumer.stop();
      },
    };
  }

  async recordBatch(messages: ConsumedMessage[]): Promise<void> {
    const { logger } = this.deps;
    const readings = messages.map((message) => readLogMessage(message, this.deps));
    const recorded = await recordDeliveries(readings, {
      eventStore: this.eventStore,
      archive: this.archive,
      isStopping: () => this.stopping,
      maxOutageMs: this.deps.maxOutageMs,
      onRetry: (step, error, attempt) => {
        this.deps.metrics.retries.inc({ step });
        logger.warn({ err: error, attempt, step }, `recorder ${step} failed, retrying`);
      },
      parkDeadLetters: (ended) => this.publishDeadLetters(messages, ended),
    });
    recorded.readings.forEach((reading, index) => this.count(reading, recorded.appendedEvents[index]));
    logger.debug({ deliveries: messages.length, events: recorded.appendedEvents.reduce((sum, count) => sum + count, 0) }, 'batch recorded');
  }

  private async publishDeadLetters(messages: ConsumedMessage[], readings: readonly DeliveryReading[]): Promise<void> {
    const letters: LogMessage[] = [];
    readings.forEach((reading, index) => {
      if (reading.outcome === 'dead_lettered') letters.push(this.letterFor(messages[index], reading));
    });
    try {
      await this.deps.eventLog.publish(this.deps.deadLetterTopic ?? WEBHOOKS_DLQ_TOPIC, letters);
    } catch (error) {
      if (error instanceof EventLogUnavailableError) throw error;
      // The broker refuses these letters for good (too large, say): retrying would block the
      // partition forever, and the archive keeps each delivery with its reason anyway.
      this.deps.logger.error({ err: error, letters: letters.length }, 'dead letters refused by the event log; the archive keeps the deliveries');
    }
  }

  private letterFor(message: ConsumedMessage, reading: DeadLettered): LogMessage {
    const letter = deadLetterOf(message, new Error(`${reading.reason}: ${reading.error.message}`.slice(0, MAX_ERROR_HEADER_LENGTH)));
    this.deps.logger.warn(
      { source: reading.archived.source, reason: reading.reason, error: reading.error.message, partition: message.partition, offset: message.offset },
      'delivery dead-lettered',
    );
    return { ...letter, headers: { ...letter.headers, [DEAD_LETTER_REASON_HEADER]: reading.reason } };
  }

  private count(reading: DeliveryReading, appendedEvents: number): void {
    const { metrics } = this.deps;
    const source = reading.archived.source;
    metrics.deliveries.inc({ source, outcome: reading.outcome });
    if (reading.outcome === 'dead_lettered') metrics.deadLetters.inc({ source, reason: reading.reason });
    if (appendedEvents > 0) metrics.eventsAppended.inc({ source }, appendedEvents);
  }
}
