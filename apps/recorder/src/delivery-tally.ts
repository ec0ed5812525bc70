import type { ArchivedOutcome } from '@tandem/archive';
import type { RecordedBatch } from './record-deliveries';

/** What a backfill (`tandem import`, `tandem renormalize`) came to, batch after batch. */
export class DeliveryTally {
  readonly deliveries: Record<ArchivedOutcome, number> = { recorded: 0, ignored: 0, dead_lettered: 0 };
  /** Events the store did not have before. */
  appendedEvents = 0;
  /** Dead letters per reason code, most frequent first once read through `failuresByReason`. */
  private readonly failures = new Map<string, number>();

  add({ readings, appendedEvents }: RecordedBatch): void {
    for (const reading of readings) {
      this.deliveries[reading.outcome]++;
      if (reading.outcome === 'dead_lettered') this.failures.set(reading.reason, (this.failures.get(reading.reason) ?? 0) + 1);
    }
    this.appendedEvents += appendedEvents.reduce((sum, count) => sum + count, 0);
  }

  get total(): number {
    return this.deliveries.recorded + this.deliveries.ignored + this.deliveries.dead_lettered;
  }

  failuresByReason(): [reason: string, count: number][] {
    return [...this.failures].sort(([, a], [, b]) => b - a);
  }
}
