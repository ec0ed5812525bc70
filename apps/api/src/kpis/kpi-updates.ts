import type { KpiValue as MetricsKpiValue } from '@tandem/metrics';
import type { KpisUpdated } from '@tandem/projections';
import type { RequestLoaders } from '../context/request-loader';
import { kpiValueOf } from './kpi-inputs';
import type { KpisUpdate } from './kpis.types';

/** A subscriber's values at one checkpoint of the projection. */
export interface KpisAt {
  generation: number;
  position: number;
  values: MetricsKpiValue[];
}

/**
 * One subscriber's `kpisUpdated`: its values now, then again after each projection batch that
 * changed one of them. A notification the last answer already covers (same generation, position
 * at or below the checkpoint it was computed at) is skipped, so a subscriber slower than the
 * projector gets the latest numbers rather than every step. Each update has its own loaders: an
 * `explain` asked on its values is computed for that update, not cached for the connection's life.
 * Ending it (the client unsubscribes) ends the notification queue at once.
 */
export class KpiUpdates implements AsyncIterableIterator<KpisUpdate> {
  private answered: { generation: number; position: number; fingerprint: string } | null = null;

  constructor(
    private readonly notifications: AsyncIterableIterator<KpisUpdated>,
    private readonly compute: () => Promise<KpisAt>,
  ) {}

  async next(): Promise<IteratorResult<KpisUpdate>> {
    for (;;) {
      if (this.answered) {
        const next = await this.notifications.next();
        if (next.done) return { value: undefined, done: true };
        if (next.value.generation === this.answered.generation && next.value.position <= this.answered.position) continue;
      }
      const now = await this.compute();
      const fingerprint = JSON.stringify(now.values);
      const unchanged = this.answered?.fingerprint === fingerprint;
      this.answered = { generation: now.generation, position: now.position, fingerprint };
      if (unchanged) continue;
      const loaders: RequestLoaders = new Map();
      return { value: { generation: now.generation, position: now.position, values: now.values.map((value) => kpiValueOf(value, undefined, loaders)) }, done: false };
    }
  }

  async return(): Promise<IteratorResult<KpisUpdate>> {
    await this.notifications.return?.();
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<KpisUpdate>> {
    await this.notifications.return?.();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<KpisUpdate> {
    return this;
  }
}
