import { Counter, Registry } from 'prom-client';

export type DeliveryOutcome = 'recorded' | 'ignored' | 'dead_lettered';

/** What an operator watches: deliveries by outcome, events appended, why deliveries were dead-lettered, and outages being retried. */
export class RecorderMetrics {
  readonly deliveries: Counter<'source' | 'outcome'>;
  readonly eventsAppended: Counter<'source'>;
  readonly deadLetters: Counter<'source' | 'reason'>;
  readonly retries: Counter<'step'>;

  constructor(registry: Registry) {
    this.deliveries = new Counter({
      name: 'tandem_recorder_deliveries_total',
      help: 'Webhook deliveries consumed by the recorder, by source and outcome.',
      labelNames: ['source', 'outcome'],
      registers: [registry],
    });
    this.eventsAppended = new Counter({
      name: 'tandem_recorder_events_appended_total',
      help: 'Canonical events newly appended to the event store from deliveries (a redelivery appends none).',
      labelNames: ['source'],
      registers: [registry],
    });
    this.deadLetters = new Counter({
      name: 'tandem_webhooks_dlq_total',
      help: 'Deliveries sent to the dead-letter topic, by source and reason code.',
      labelNames: ['source', 'reason'],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'tandem_recorder_retries_total',
      help: 'Writes retried because the event store, the archive or the dead-letter topic did not answer, by step.',
      labelNames: ['step'],
      registers: [registry],
    });
  }
}
