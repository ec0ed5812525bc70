import Database from 'better-sqlite3';
import type { ArchiveCursor, ArchivedDelivery, ArchiveQuery, DeliveryArchive, DeliveryToArchive } from '../delivery-archive.port';
import { latestPerDelivery } from '../latest-per-delivery';

export interface SqliteDeliveryArchiveOptions {
  /** A file path, or `:memory:`. */
  filename: string;
}

interface ArchiveRow {
  source: string;
  delivery_id: string;
  received_at: string;
  correlation_id: string;
  headers: string;
  body: string;
  outcome: ArchivedDelivery['outcome'];
  reason: string | null;
}

/**
 * The embedded mode's archive, in its own SQLite file (WAL, fsync at each commit like the event
 * store). Instants are stored as ISO-8601 UTC text, whose order is their chronological order.
 */
export class SqliteDeliveryArchive implements DeliveryArchive {
  private readonly db: Database.Database;
  private readonly sql;
  private readonly recordAll;

  constructor(options: SqliteDeliveryArchiveOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    migrateSqliteDeliveryArchive(this.db);
    const filter = `(@source IS NULL OR source = @source) AND (@since IS NULL OR received_at >= @since)`;
    this.sql = {
      upsert: this.db.prepare(
        `INSERT INTO webhook_archive (source, delivery_id, received_at, correlation_id, headers, body, outcome, reason)
         VALUES (@source, @deliveryId, @receivedAt, @correlationId, @headers, @body, @outcome, @reason)
         ON CONFLICT (source, delivery_id) DO UPDATE
           SET headers = excluded.headers, body = excluded.body, outcome = excluded.outcome, reason = excluded.reason`,
      ),
      count: this.db.prepare<{ source: string | null; since: string | null }, { count: number }>(
        `SELECT count(*) AS count FROM webhook_archive WHERE ${filter}`,
      ),
      page: this.db.prepare<Record<string, string | number | null>, ArchiveRow>(
        `SELECT * FROM webhook_archive
         WHERE ${filter} AND (@afterReceivedAt IS NULL OR (received_at, source, delivery_id) > (@afterReceivedAt, @afterSource, @afterDeliveryId))
         ORDER BY received_at, source, delivery_id LIMIT @limit`,
      ),
    };
    this.recordAll = this.db.transaction((rows: DeliveryToArchive[]) => {
      for (const row of rows) {
        this.sql.upsert.run({
          ...row,
          receivedAt: new Date(row.receivedAt).toISOString(),
          headers: JSON.stringify(row.headers),
          // Bound as TEXT: better-sqlite3 would store a Buffer as a BLOB.
          body: typeof row.body === 'string' ? row.body : row.body.toString('utf8'),
          reason: row.reason ?? null,
        });
      }
    });
  }

  async record(deliveries: DeliveryToArchive[]): Promise<void> {
    this.recordAll(latestPerDelivery(deliveries));
  }

  async count(query: ArchiveQuery): Promise<number> {
    return this.sql.count.get(filterOf(query))?.count ?? 0;
  }

  async readPage(query: ArchiveQuery, after: ArchiveCursor | undefined, limit: number): Promise<ArchivedDelivery[]> {
    const rows = this.sql.page.all({
      ...filterOf(query),
      afterReceivedAt: after === undefined ? null : new Date(after.receivedAt).toISOString(),
      afterSource: after?.source ?? null,
      afterDeliveryId: after?.deliveryId ?? null,
      limit,
    });
    return rows.map((row) => ({
      source: row.source,
      deliveryId: row.delivery_id,
      receivedAt: row.received_at,
      correlationId: row.correlation_id,
      headers: JSON.parse(row.headers) as Record<string, string>,
      body: row.body,
      outcome: row.outcome,
      ...(row.reason === null ? {} : { reason: row.reason }),
    }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Idempotent DDL, the same columns as the PostgreSQL table; run whenever the file is opened. */
export function migrateSqliteDeliveryArchive(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS webhook_archive (
      source TEXT NOT NULL,
      delivery_id TEXT NOT NULL,
      received_at TEXT NOT NULL,
      correlation_id TEXT NOT NULL,
      headers TEXT NOT NULL,
      body TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('recorded', 'ignored', 'dead_lettered')),
      reason TEXT,
      PRIMARY KEY (source, delivery_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS webhook_archive_received ON webhook_archive (received_at, source, delivery_id);
  `);
}

function filterOf(query: ArchiveQuery): { source: string | null; since: string | null } {
  return { source: query.source ?? null, since: query.since === undefined ? null : new Date(query.since).toISOString() };
}
