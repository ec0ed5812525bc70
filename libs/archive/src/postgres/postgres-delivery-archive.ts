import { escapeIdentifier, type Pool, type PoolClient } from 'pg';
import type { ArchiveCursor, ArchivedDelivery, ArchiveQuery, DeliveryArchive, DeliveryToArchive } from '../delivery-archive.port';
import { latestPerDelivery } from '../latest-per-delivery';

export interface PostgresDeliveryArchiveOptions {
  /** Owned by the caller: `close()` does not end it. */
  pool: Pool;
  /** Schema holding `webhook_archive` (see `migratePostgresDeliveryArchive`). Default `public`. */
  schema?: string;
}

interface ArchiveRow {
  source: string;
  delivery_id: string;
  received_at: string;
  correlation_id: string;
  headers: Record<string, string>;
  body: string;
  outcome: ArchivedDelivery['outcome'];
  reason: string | null;
}

const COLUMNS = ['source', 'delivery_id', 'received_at', 'correlation_id', 'headers', 'body', 'outcome', 'reason'] as const;
/** PostgreSQL binds at most 65,535 parameters per statement. */
const MAX_ROWS_PER_STATEMENT = Math.floor(65_535 / COLUMNS.length);

/** Arbitrary key of the advisory lock that serialises concurrent migrations of the archive. */
const MIGRATION_LOCK = 0x77686172;

/** Idempotent DDL; safe when several processes start at once. */
export async function migratePostgresDeliveryArchive(pool: Pool, schema = 'public'): Promise<void> {
  const table = tableIn(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${escapeIdentifier(schema)}`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${table} (
        source text NOT NULL,
        delivery_id text NOT NULL,
        received_at timestamptz NOT NULL,
        correlation_id text NOT NULL,
        headers jsonb NOT NULL,
        body text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('recorded', 'ignored', 'dead_lettered')),
        reason text,
        PRIMARY KEY (source, delivery_id)
      )`);
    await client.query(`CREATE INDEX IF NOT EXISTS webhook_archive_received ON ${table} (received_at, source, delivery_id)`);
    // Bodies are most of the bytes, and lz4 compresses them several times faster than the default
    // pglz (the recorder writes thousands a second). A server without lz4 keeps pglz.
    await client.query('SAVEPOINT lz4');
    await client.query(`ALTER TABLE ${table} ALTER COLUMN body SET COMPRESSION lz4`).then(
      () => client.query('RELEASE SAVEPOINT lz4'),
      () => client.query('ROLLBACK TO SAVEPOINT lz4'),
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** The archive in one PostgreSQL table. */
export class PostgresDeliveryArchive implements DeliveryArchive {
  private readonly table: string;

  constructor(private readonly options: PostgresDeliveryArchiveOptions) {
    this.table = tableIn(options.schema ?? 'public');
  }

  async record(deliveries: DeliveryToArchive[]): Promise<void> {
    const rows = latestPerDelivery(deliveries);
    if (rows.length <= MAX_ROWS_PER_STATEMENT) return this.insert(this.options.pool, rows);
    // More rows than one statement can bind: several statements in one transaction, still all or none.
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      for (let start = 0; start < rows.length; start += MAX_ROWS_PER_STATEMENT) {
        await this.insert(client, rows.slice(start, start + MAX_ROWS_PER_STATEMENT));
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * One multi-row INSERT with a parameter per value: several times faster than unnest() over
   * arrays, which the driver must serialise as escaped array literals (bodies are kilobytes).
   */
  private async insert(client: Pool | PoolClient, rows: DeliveryToArchive[]): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.flatMap((row) => [
      storable(row.source),
      storable(row.deliveryId),
      row.receivedAt,
      storable(row.correlationId),
      JSON.stringify(storableHeaders(row.headers)),
      storableBody(row.body),
      row.outcome,
      row.reason === undefined ? null : storable(row.reason),
    ]);
    const tuples = rows.map((_, index) => `(${COLUMNS.map((_column, column) => `$${index * COLUMNS.length + column + 1}`).join(', ')})`);
    await client.query(
      `INSERT INTO ${this.table} (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (source, delivery_id) DO UPDATE
         SET headers = excluded.headers, body = excluded.body, outcome = excluded.outcome, reason = excluded.reason`,
      values,
    );
  }

  async count(query: ArchiveQuery): Promise<number> {
    const { rows } = await this.options.pool.query<{ count: string }>(
      `SELECT count(*) AS count FROM ${this.table} WHERE ($1::text IS NULL OR source = $1) AND ($2::timestamptz IS NULL OR received_at >= $2)`,
      [query.source ?? null, query.since ?? null],
    );
    return Number(rows[0].count);
  }

  async readPage(query: ArchiveQuery, after: ArchiveCursor | undefined, limit: number): Promise<ArchivedDelivery[]> {
    const { rows } = await this.options.pool.query<ArchiveRow>(
      `SELECT source, delivery_id, correlation_id, headers, body, outcome, reason,
         to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at
       FROM ${this.table}
       WHERE ($1::text IS NULL OR source = $1) AND ($2::timestamptz IS NULL OR received_at >= $2)
         AND ($3::timestamptz IS NULL OR (received_at, source, delivery_id) > ($3, $4, $5))
       ORDER BY received_at, source, delivery_id
       LIMIT $6`,
      [query.source ?? null, query.since ?? null, after?.receivedAt ?? null, after?.source ?? null, after?.deliveryId ?? null, limit],
    );
    return rows.map((row) => ({
      source: row.source,
      deliveryId: row.delivery_id,
      receivedAt: row.received_at,
      correlationId: row.correlation_id,
      headers: row.headers,
      body: row.body,
      outcome: row.outcome,
      ...(row.reason === null ? {} : { reason: row.reason }),
    }));
  }

  /** The pool belongs to the caller. */
  async close(): Promise<void> {}
}

function tableIn(schema: string): string {
  return `${escapeIdentifier(schema)}.webhook_archive`;
}

/**
 * PostgreSQL text cannot hold NUL, and jsonb also refuses unpaired surrogates (text gets them as
 * U+FFFD from the driver's UTF-8 encoding). Only a body that is not valid JSON (dead-lettered
 * anyway) or a forged header carries them: they become U+FFFD rather than stopping the recorder.
 */
function storable(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
}

/**
 * Body bytes are bound as they are: the driver sends a Buffer as a binary parameter, which for a
 * text column is the UTF-8 text itself, so no string is encoded. Bytes holding a NUL take the text way.
 */
function storableBody(body: string | Buffer): string | Buffer {
  if (typeof body === 'string') return storable(body);
  return body.includes(0) ? storable(body.toString('utf8')) : body;
}

/** Node 20 has it; TypeScript's ES2022 lib does not declare it. */
const isWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean }).isWellFormed;

function storableHeaders(headers: Record<string, string>): Record<string, string> {
  // jsonb refuses the escape JSON writes for a lone surrogate: it becomes U+FFFD, as in UTF-8. Most
  // headers have none, and checking is cheaper than the round trip through bytes.
  const wellFormed = (text: string) => {
    const stored = storable(text);
    return isWellFormed.call(stored) ? stored : Buffer.from(stored, 'utf8').toString('utf8');
  };
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [wellFormed(name), wellFormed(value)]));
}
