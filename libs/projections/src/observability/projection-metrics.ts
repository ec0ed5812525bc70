import type { EventStore } from '@tandem/eventstore';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BatchOutcome } from '../projector/batch-projector';

/**
 * The projector's own gauges on `/metrics`: `tandem_projection_position` and
 * `tandem_projection_lag` (the store's head minus the position, read at scrape time), events and
 * batches projected, and events skipped because they are not canonical.
 */
export class ProjectionMetrics {
  private readonly position: Gauge<'projection'>;
  private readonly events: Counter<'projection'>;
  private readonly unreadable: Counter<'projection'>;
  private readonly batchSeconds: Histogram<'projection'>;
  private readonly positions = new Map<string, number>();

  constructor(registry: Registry, eventStore: EventStore) {
    const positions = this.positions;
    this.position = new Gauge({
      name: 'tandem_projection_position',
      help: 'Last global event position committed by the projection (its checkpoint).',
      labelNames: ['projection'],
      registers: [registry],
    });
    new Gauge({
      name: 'tandem_projection_lag',
      help: 'Events in the store not yet projected: head position minus the projection position.',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        if (positions.size === 0) return;
        const head = await eventStore.headPosition();
        for (const [projection, position] of positions) this.set({ projection }, Math.max(0, head - position));
      },
    });
    this.events = new Counter({ name: 'tandem_projection_events_total', help: 'Store events projected (repeats included).', labelNames: ['projection'], registers: [registry] });
    this.unreadable = new Counter({
      name: 'tandem_projection_unreadable_events_total',
      help: 'Store events skipped because they are not canonical (unknown type, failed upcast); see the error log.',
      labelNames: ['projection'],
      registers: [registry],
    });
    this.batchSeconds = new Histogram({
      name: 'tandem_projection_batch_seconds',
      help: 'Time to write one batch of the projection (one transaction).',
      labelNames: ['projection'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  /** The checkpoint the projector starts from (before any batch of this process). */
  startedAt(projection: string, position: number): void {
    this.positions.set(projection, position);
    this.position.set({ projection }, position);
  }

  batch(projection: string, outcome: BatchOutcome): void {
    this.positions.set(projection, outcome.position);
    this.position.set({ projection }, outcome.position);
    this.events.inc({ projection }, outcome.events);
    if (outcome.unreadable.length > 0) this.unreadable.inc({ projection }, outcome.unreadable.length);
    this.batchSeconds.observe({ projection }, outcome.seconds);
  }
}
