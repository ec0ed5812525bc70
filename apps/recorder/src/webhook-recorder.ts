import type { NewEvent } from '@tandem/contracts';
import { ConsumedMessage, deadLetterOf, EventLog, WEBHOOKS_DLQ_TOPIC } from '@tandem/eventlog';
import type { EventStore } from '@tandem/eventstore';
import type { Logger } from '@tandem/observability';
import { NormalizationError, NormalizerRegistry, NormalizerSettings, toCanonicalEvents } from '@tandem/sources';
import { decodeWebhookEnvelope, InvalidWebhookEnvelopeError, WebhookEnvelope } from '@tandem/webhooks';
import { RecorderMetrics } from './recorder-metrics';
import { retryTransient } from './retry-transient';

export interface WebhookRecorderDependencies {
  eventLog: EventLog;
  eventStore: EventStore;
  normalizers: NormalizerRegistry;
  settings: NormalizerSettings;
  metrics: RecorderMetrics;
  logger: Logger;
}

/**
 * Turns one delivery from the webhook topic into canonical events in the store.
 *
 * Two kinds of failure, two answers:
 * - the delivery cannot be read (bad envelope, unknown event type, malformed payload): it is
 *   parked in the dead-letter topic with the reason and the partition keeps flowing;
 * - the store cannot be written: retried with backoff; if it stays down, the handler rejects, the
 *   offset is not committed and the delivery is read again after a restart. Nothing is lost.
 */
export class WebhookRecorder {
  constructor(private readonly deps: WebhookRecorderDependencies) {}

  async record(message: ConsumedMessage, isStopping: () => boolean = () => false): Promise<void> {
    const { metrics, logger } = this.deps;
    const read = this.read(message);
    if (read.kind === 'unreadable') {
      await this.deadLetter(message, read.source, read.reason, read.error);
      return;
    }
    const { delivery, streams } = read;
    const log = logger.child({ correlationId: delivery.correlationId, source: delivery.source, deliveryId: delivery.deliveryId });
    if (streams.length === 0) {
      metrics.deliveries.inc({ source: delivery.source, outcome: 'ignored' });
      log.debug({ reason: read.ignoredBecause }, 'delivery ignored');
      return;
    }
    await retryTransient(() => this.append(streams), { isStopping, onRetry: (error, attempt) => log.warn({ err: error, attempt }, 'event store append failed, retrying') });
    const eventCount = streams.reduce((sum, stream) => sum + stream.events.length, 0);
    metrics.deliveries.inc({ source: delivery.source, outcome: 'recorded' });
    metrics.eventsAppended.inc({ source: delivery.source }, eventCount);
    log.debug({ events: eventCount }, 'delivery recorded');
  }

  private read(message: ConsumedMessage):
    | { kind: 'unreadable'; source: string; reason: string; error: Error }
    | { kind: 'readable'; delivery: WebhookEnvelope; streams: { streamId: string; events: NewEvent[] }[]; ignoredBecause?: string } {
    let delivery: WebhookEnvelope;
    try {
      delivery = decodeWebhookEnvelope(message.value);
    } catch (error) {
      if (error instanceof InvalidWebhookEnvelopeError) return { kind: 'unreadable', source: 'unknown', reason: 'INVALID_ENVELOPE', error };
      throw error;
    }
    try {
      const normalization = this.deps.normalizers[delivery.source](delivery, this.deps.settings);
      if (normalization.outcome === 'ignored') return { kind: 'readable', delivery, streams: [], ignoredBecause: normalization.reason };
      return { kind: 'readable', delivery, streams: groupByStream(toCanonicalEvents(delivery, normalization.events)) };
    } catch (error) {
      if (error instanceof NormalizationError) return { kind: 'unreadable', source: delivery.source, reason: error.code, error };
      throw error;
    }
  }

  /** Streams are appended one by one; a crash in between is healed by the redelivery, whose ids are the same. */
  private async append(streams: { streamId: string; events: NewEvent[] }[]): Promise<void> {
    for (const { streamId, events } of streams) {
      await this.deps.eventStore.append(streamId, events, { expectedVersion: 'any' });
    }
  }

  private async deadLetter(message: ConsumedMessage, source: string, reason: string, error: Error): Promise<void> {
    const letter = deadLetterOf(message, new Error(`${reason}: ${error.message}`));
    await this.deps.eventLog.publish(WEBHOOKS_DLQ_TOPIC, [{ ...letter, headers: { ...letter.headers, 'tandem-dlq-reason': reason } }]);
    this.deps.metrics.deadLetters.inc({ source, reason });
    this.deps.metrics.deliveries.inc({ source, outcome: 'dead_lettered' });
    this.deps.logger.warn({ source, reason, error: error.message, partition: message.partition, offset: message.offset }, 'delivery dead-lettered');
  }
}

/** Events of one stream stay together and in the normalizer's order. */
function groupByStream(events: { streamId: string; event: NewEvent }[]): { streamId: string; events: NewEvent[] }[] {
  const byStream = new Map<string, NewEvent[]>();
  for (const { streamId, event } of events) {
    const list = byStream.get(streamId) ?? [];
    list.push(event);
    byStream.set(streamId, list);
  }
  return [...byStream].map(([streamId, streamEvents]) => ({ streamId, events: streamEvents }));
}
