import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '@tandem/contracts';
import { migrateSqliteEventStore, SqliteEventStore } from '@tandem/eventstore';
import Database from 'better-sqlite3';
import type { BenchResult } from './bench-result';
import { WORKLOAD, alternate, benchBatches, benchEvent, storeResults } from './eventstore-workload';

/** SqliteEventStore against plain better-sqlite3 on a file of the same shape and pragmas, alternating. */
export async function benchSqliteEventStore(): Promise<BenchResult[]> {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  const store = new SqliteEventStore({ filename: join(directory, 'events.db') });
  const raw = new RawSqliteEvents(join(directory, 'baseline.db'));
  try {
    const batches = benchBatches();
    const singles = Array.from({ length: WORKLOAD.singleAppends }, (_, index) => benchEvent(index));

    const [batched, rawBatched] = await alternate(
      batches.length,
      (index) => store.append(`batch-${index}`, batches[index], { expectedVersion: 'no_stream' }),
      async (index) => raw.insert(`batch-${index}`, batches[index]),
    );
    const [single, rawSingle] = await alternate(
      singles.length,
      (index) => store.append(`single-${index}`, [singles[index]]),
      async (index) => raw.insert(`single-${index}`, [singles[index]]),
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
        const last = raw.page(rawAfter);
        rawAfter = last ?? rawAfter;
        return last !== undefined;
      },
    );

    return storeResults(
      'sqlite',
      { batched, single, readAll },
      { batched: rawBatched, single: rawSingle, readAll: rawReadAll },
      { batched: '>= 50,000 events/s', readAll: '>= 100,000 events/s' },
    );
  } finally {
    await store.close();
    raw.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The raw baseline: one prepared INSERT run in a transaction per batch, plain SELECT paging. */
class RawSqliteEvents {
  private readonly db: Database.Database;
  private readonly insertBatch;
  private readonly selectPage;
  private lastPosition = 0;

  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    migrateSqliteEventStore(this.db);
    const insertRow = this.db.prepare(
      `INSERT INTO events (global_position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertBatch = this.db.transaction((streamId: string, events: NewEvent[]) => {
      const recordedAt = new Date().toISOString();
      events.forEach((event, index) => {
        insertRow.run(++this.lastPosition, streamId, index, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt);
      });
    });
    this.selectPage = this.db.prepare<[number, number], { global_position: number }>(
      'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
    );
  }

  insert(streamId: string, events: NewEvent[]): void {
    this.insertBatch(streamId, events);
  }

  /** Reads one page after `after`; returns the page's last position, if any. */
  page(after: number): number | undefined {
    return this.selectPage.all(after, WORKLOAD.readPageSize).at(-1)?.global_position;
  }

  close(): void {
    this.db.close();
  }
}
