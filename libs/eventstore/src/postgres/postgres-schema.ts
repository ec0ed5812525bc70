import { escapeIdentifier, type Pool } from 'pg';

/** Names and keys derived from the schema, so stores in different schemas never interfere. */
export interface PostgresEventStoreNames {
  /** Quoted, schema-qualified `events` table. */
  table: string;
  /** Quoted LISTEN/NOTIFY channel. */
  channel: string;
  /** Arguments of `pg_advisory_xact_lock(int, int)` that serialise appends. */
  lockKey: [number, number];
  /** Prefix of prepared-statement names (unique per schema on a shared connection). */
  statementPrefix: string;
}

/** Arbitrary first half of the advisory-lock key: "this is the event store's append lock". */
const APPEND_LOCK_CLASS = 0x74616e64;

export function postgresEventStoreNames(schema: string): PostgresEventStoreNames {
  const hash = fnv1a32(schema);
  return {
    table: `${escapeIdentifier(schema)}.events`,
    channel: escapeIdentifier(`tandem_events_${schema}`),
    lockKey: [APPEND_LOCK_CLASS, hash | 0],
    statementPrefix: `tandem_es_${hash.toString(16)}`,
  };
}

/**
 * Idempotent DDL for the `events` table. Runs under the append lock so two processes starting
 * at once do not race on CREATE ... IF NOT EXISTS (which is not safe concurrently).
 */
export async function migratePostgresEventStore(pool: Pool, schema = 'public'): Promise<void> {
  const { table, lockKey } = postgresEventStoreNames(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', lockKey);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(schema)}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${table} (
        global_position bigint PRIMARY KEY,
        stream_id text NOT NULL,
        stream_version integer NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT statement_timestamp(),
        UNIQUE (stream_id, stream_version)
      )`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
