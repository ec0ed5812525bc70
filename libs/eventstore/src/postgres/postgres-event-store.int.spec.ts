import { randomUUID } from 'node:crypto';
import { createTestSchema, databaseUrl, expectEventually, type TestSchema } from '@tandem/testing';
import { Pool, type PoolClient } from 'pg';
import { eventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { migratePostgresEventStore, postgresEventStoreNames } from './postgres-schema';

/**
 * Holds every 7th append open for 20 ms after its positions are allocated, so that without
 * the append lock a later position would commit first and a reader could move past the gap.
 */
function holdSomeTransactionsOpen(): (client: PoolClient) => Promise<void> {
  let appends = 0;
  return async (client) => {
    if (++appends % 7 === 0) await client.query('SELECT pg_sleep(0.02)');
  };
}

eventStoreContract('PostgresEventStore', async () => {
  const testSchema = await createTestSchema({ prefix: 'eventstore' });
  await migratePostgresEventStore(testSchema.pool, testSchema.schema);
  const open = (pool: Pool) =>
    new PostgresEventStore({
      pool,
      schema: testSchema.schema,
      pollIntervalMs: 200,
      beforeCommit: holdSomeTransactionsOpen(),
    });
  const store = open(testSchema.pool);
  const peerPools: Pool[] = [];
  return {
    store,
    async openPeer() {
      const pool = new Pool({ connectionString: databaseUrl(), max: 2 });
      peerPools.push(pool);
      return open(pool);
    },
    async dispose() {
      await store.close();
      await Promise.all(peerPools.map((pool) => pool.end()));
      await testSchema.drop();
    },
  };
}, { findsEventIdsAcrossStreams: true, appendsManyStreamsAtomically: true });

describe('PostgresEventStore specifics', () => {
  let testSchema: TestSchema;

  beforeAll(async () => {
    testSchema = await createTestSchema({ prefix: 'eventstore' });
  });

  afterAll(async () => {
    await testSchema.drop();
  });

  it('migrates idempotently to the events table shape', async () => {
    await migratePostgresEventStore(testSchema.pool, testSchema.schema);
    await migratePostgresEventStore(testSchema.pool, testSchema.schema);

    const { rows } = await testSchema.pool.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = 'events' ORDER BY ordinal_position`,
      [testSchema.schema],
    );
    expect(rows.map((row) => [row.column_name, row.data_type])).toEqual([
      ['global_position', 'bigint'],
      ['stream_id', 'text'],
      ['stream_version', 'integer'],
      ['event_id', 'uuid'],
      ['type', 'text'],
      ['data', 'jsonb'],
      ['metadata', 'jsonb'],
      ['recorded_at', 'timestamp with time zone'],
    ]);
  });

  it('makes a second appender wait while a first one holds its transaction open, so positions follow commit order', async () => {
    await migratePostgresEventStore(testSchema.pool, testSchema.schema);
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstReachedCommit = false;
    const holding = new PostgresEventStore({
      pool: testSchema.pool,
      schema: testSchema.schema,
      beforeCommit: async () => {
        firstReachedCommit = true;
        await firstHeld;
      },
    });
    const plain = new PostgresEventStore({ pool: testSchema.pool, schema: testSchema.schema });
    const before = await plain.headPosition();

    const first = holding.append(`held-${randomUUID()}`, [testEvent()]);
    await expectEventually(() => expect(firstReachedCommit).toBe(true));
    const second = plain.append(`quick-${randomUUID()}`, [testEvent()]);
    await expectEventually(async () => expect(await waitingAppendLocks(testSchema.pool, testSchema.schema)).toBe(1));
    const visibleWhileHeld = await plain.readAll({ after: before });
    releaseFirst();
    const [firstResult, secondResult] = await Promise.all([first, second]);

    expect(visibleWhileHeld).toEqual([]);
    expect(secondResult.lastGlobalPosition).toBe(firstResult.lastGlobalPosition + 1);
    await holding.close();
    await plain.close();
  });

  it('appends many verbatim whatever the text holds, dollar-quote tags included (they travel inside a dollar-quoted literal)', async () => {
    await migratePostgresEventStore(testSchema.pool, testSchema.schema);
    const store = new PostgresEventStore({ pool: testSchema.pool, schema: testSchema.schema });
    const awkward = `$j$ $jj$ $$ ' '' " \\ \\' \n é 😀 </at> $j`;
    // A lone surrogate is stored as U+FFFD, as the driver encodes it, not refused.
    const streams = [`dollar-${awkward}-${randomUUID()}`, `lone-\uD800-surrogate-${randomUUID()}`, `plain-${randomUUID()}`];
    const events = streams.map(() => ({ ...testEvent(), data: { text: awkward, list: [awkward, { [awkward]: awkward }] } }));

    const results = await store.appendMany(streams.map((streamId, index) => ({ streamId, events: [events[index]] })));
    const replay = await store.appendMany(streams.map((streamId, index) => ({ streamId, events: [events[index]] })));

    expect(results.map((result) => result.appendedCount)).toEqual([1, 1, 1]);
    expect(replay.map((result) => result.appendedCount)).toEqual([0, 0, 0]);
    for (const [index, streamId] of streams.entries()) {
      const [stored] = await store.readStream(streamId);
      expect({ eventId: stored.eventId, data: stored.data, metadata: stored.metadata }).toEqual({
        eventId: events[index].eventId,
        data: events[index].data,
        metadata: events[index].metadata,
      });
    }
    await store.close();
  });
});

/** Appenders of this schema waiting for its append lock (other databases' tests may hold their own). */
async function waitingAppendLocks(pool: Pool, schema: string): Promise<number> {
  const [classId, objectId] = postgresEventStoreNames(schema).lockKey;
  const { rows } = await pool.query<{ waiting: number }>(
    `SELECT count(*)::int AS waiting FROM pg_locks
     WHERE locktype = 'advisory' AND NOT granted AND classid = $1::oid AND objid = $2::oid AND objsubid = 2`,
    [classId >>> 0, objectId >>> 0],
  );
  return rows[0].waiting;
}

function testEvent() {
  return {
    eventId: randomUUID(),
    type: 'TestHappened',
    data: {},
    metadata: { occurredAt: new Date().toISOString(), source: 'test', schemaVersion: 1 },
  };
}
