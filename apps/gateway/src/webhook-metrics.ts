import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@tandem/observability';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { WebhookOutcome } from './webhook-reply';

/** `source` is one of the known sources or `unknown`: a path segment must not mint label values. */
type SourceLabel = string;

@Injectable()
export class WebhookMetrics {
  private readonly received: Counter<'source' | 'outcome'>;
  private readonly duration: Histogram<'source' | 'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.received = new Counter({
      name: 'tandem_webhooks_received_total',
      help: 'Webhook requests received, by source and outcome.',
      labelNames: ['source', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'tandem_webhooks_request_duration_seconds',
      help: 'Time from request start to answer, by source and outcome (vendors give up after 3 to 10 s).',
      labelNames: ['source', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  record(source: SourceLabel, outcome: WebhookOutcome, seconds: number): void {
    this.received.inc({ source, outcome });
    this.duration.observe({ source, outcome }, seconds);
  }
}
