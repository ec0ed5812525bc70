import type { NewEvent } from '@tandem/contracts';
import { migratePostgresEventStore, PostgresEventStore } from '@tandem/eventstore';
import { createTestSchema } from '@tandem/testing';
import type { Pool } from 'pg';
import type { BenchResult } from './bench-result';
import { WORKLOAD, alternate, benchBatches, benchEvent, storeResults } from './eventstore-workload';

/** PostgresEventStore against plain `pg` on a table of the same shape: same rows, same run, alternating. */
export async function benchPostgresEventStore(): Promise<BenchResult[]> {
  const { schema, pool, drop } = await createTestSchema({ prefix: 'bench' });
  const store = new PostgresEventStore({ pool, schema });
  try {
    await migratePostgresEventStore(pool, schema);
    await pool.query('CREATE TABLE baseline_events (LIKE events INCLUDING ALL)');
    const raw = new RawPostgresEvents(pool);
    const batches = benchBatches();
    const singles = Array.from({ length: WORKLOAD.singleAppends }, (_, index) => benchEvent(index));

    const [batched, rawBatched] = await alternate(
      batches.length,
      (index) => store.append(`batch-${index}`, batches[index], { expectedVersion: 'no_stream' }),
      (index) => raw.insert(`batch-${index}`, batches[index]),
    );
    const [single, rawSingle] = await alternate(
      singles.length,
      (index) => store.append(`single-${index}`, [singles[index]]),
      (index) => raw.insert(`single-${index}`, [singles[index]]),
    );
    let storeAfter = 0;
    let rawAfter = 0;
    const [readAll, rawReadAll] = await alternate(
      Number.MAX_SAFE_INTEGER,
      async () => {
        const page = await store.readAll({ after: storeAfter, limit: WORKLOAD.readPageSize });
        storeAfter = page.at(-1)?.globalPosition ?? storeAfter;
        return page.length > 0;
      },
      async () => {
        const last = await raw.page(rawAfter);
        rawAfter = last ?? rawAfter;
        return last !== undefined;
      },
    );

    return storeResults(
      'postgres',
      { batched, single, readAll },
      { batched: rawBatched, single: rawSingle, readAll: rawReadAll },
      { batched: '>= 20,000 events/s', single: '>= 1,000 events/s', p99: '<= 20 ms', readAll: '>= 100,000 events/s' },
    );
  } finally {
    await store.close();
    await drop();
  }
}

/** The raw baseline: one parameterised multi-row INSERT per batch, plain SELECT paging. */
class RawPostgresEvents {
  private lastPosition = 0;

  constructor(private readonly pool: Pool) {}

  async insert(streamId: string, events: NewEvent[]): Promise<void> {
    const values: unknown[] = [];
    const rows = events.map((event, index) => {
      values.push(++this.lastPosition, streamId, index, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
      const first = index * 7;
      return `($${first + 1}, $${first + 2}, $${first + 3}, $${first + 4}, $${first + 5}, $${first + 6}, $${first + 7})`;
    });
    await this.pool.query(
      `INSERT INTO baseline_events (global_position, stream_id, stream_version, event_id, type, data, metadata) VALUES ${rows.join(', ')}`,
      values,
    );
  }

  /** Reads one page after `after`; returns the page's last position, if any. */
  async page(after: number): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ global_position: string }>(
      'SELECT * FROM baseline_events WHERE global_position > $1 ORDER BY global_position LIMIT $2',
      [after, WORKLOAD.readPageSize],
    );
    return rows.length > 0 ? Number(rows[rows.length - 1].global_position) : undefined;
  }
}
