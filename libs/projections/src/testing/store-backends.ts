/**
 * Test-only: the two backends a reader of the event store runs on (SQLite files for the embedded
 * mode, a PostgreSQL database for the distributed one), each an event store plus a migrated
 * read-model database, and the helpers to fill and read the store. Shared by the KPI projection's
 * harness and the recognizer's (apps/projector), which differ only in the repository they add.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@tandem/config';
import { toStoredEvent, type NewCanonicalEvent, type RecordedEvent } from '@tandem/contracts';
import { migratePostgresEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '@tandem/eventstore';
import { openReadModelDatabase } from '@tandem/persistence';
import { createTestDatabase } from '@tandem/testing';

/** An event to append, with its stream. */
export interface Planned {
  streamId: string;
  event: NewCanonicalEvent;
}

export async function appendAll(eventStore: EventStore, events: readonly Planned[]): Promise<void> {
  for (const { streamId, event } of events) await eventStore.append(streamId, [toStoredEvent(event)]);
}

export async function readEverything(eventStore: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await eventStore.readAll({ after, limit: 1_000 });
    events.push(...page);
    if (page.length < 1_000) return events;
    after = page[page.length - 1].globalPosition;
  }
}

/** An event store and a migrated read-model database on one backend. */
export interface StoreBackend {
  eventStore: EventStore;
  database: DataSource;
  dispose(): Promise<void>;
}

/**
 * `[name, open]` for each backend (for `describe.each`); `prefix` names the temporary directory
 * and database, `extras` adds what the tests read the database through (a repository, a store).
 */
export function storeBackends<Extras extends object>(prefix: string, extras: (database: DataSource) => Extras): [string, () => Promise<StoreBackend & Extras>][] {
  return [
    [
      'SQLite',
      async () => {
        const dataDir = mkdtempSync(join(tmpdir(), `${prefix.replace(/_/g, '-')}-`));
        const eventStore = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite'), pollIntervalMs: 20 });
        const database = await openReadModelDatabase(loadConfig({ TANDEM_DATA_DIR: dataDir }));
        return backendOf(eventStore, database, extras, async () => rmSync(dataDir, { recursive: true, force: true }));
      },
    ],
    [
      'PostgreSQL',
      async () => {
        const testDatabase = await createTestDatabase(prefix);
        const pool = new Pool({ connectionString: testDatabase.url, max: 6 });
        await migratePostgresEventStore(pool);
        const eventStore = new PostgresEventStore({ pool, pollIntervalMs: 50 });
        const database = await openReadModelDatabase(
          loadConfig({ TANDEM_MODE: 'distributed', DATABASE_URL: testDatabase.url, KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' }),
        );
        return backendOf(eventStore, database, extras, async () => {
          await pool.end();
          await testDatabase.drop();
        });
      },
    ],
  ];
}

/** `dispose` closes the database and the store before `release` removes what they were kept in. */
function backendOf<Extras extends object>(eventStore: EventStore, database: DataSource, extras: (database: DataSource) => Extras, release: () => Promise<void>): StoreBackend & Extras {
  return {
    ...extras(database),
    eventStore,
    database,
    dispose: async () => {
      await database.destroy();
      await eventStore.close();
      await release();
    },
  };
}
