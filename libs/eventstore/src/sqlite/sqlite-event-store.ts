import type { NewEvent, RecordedEvent } from '@tandem/contracts';
import Database from 'better-sqlite3';
import { planAppend, NO_STREAM_VERSION, type AppendState } from '../append-plan';
import { LocalAppendSignal } from '../append-signal';
import { CatchUpSubscriptions } from '../catch-up-subscription';
import { WrongExpectedVersionError } from '../errors';
import type {
  AppendManyResult,
  AppendResult,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  StreamAppend,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';

export interface SqliteEventStoreOptions {
  /** A file path, or `:memory:` (one connection only, so no other process can follow it). */
  filename: string;
  /** Longest wait of a live subscription for appends made by other processes. Default 250 ms. */
  pollIntervalMs?: number;
  /** Events per read while a subscription catches up. Default 500. */
  subscriptionPageSize?: number;
}

const DEFAULT_READ_LIMIT = 1000;

interface EventRow {
  global_position: number;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

interface Written {
  result: AppendResult;
  /** Events written; 0 for a replay or an empty batch (nothing to tell subscribers). */
  appended: number;
}

/**
 * Event store on one SQLite file (better-sqlite3, synchronous calls behind the async port).
 *
 * Durability: WAL with `synchronous = FULL`, which fsyncs the WAL at every commit. With
 * NORMAL, a committed append survives a process crash but not a power loss or OS crash, and
 * an append we acknowledged must survive both.
 *
 * Ordering: SQLite has one writer at a time and every append is a BEGIN IMMEDIATE
 * transaction that reads the head position after taking the write lock, so positions are
 * allocated in commit order (also across processes sharing the file) and "position > N"
 * never skips a late commit.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new LocalAppendSignal();
  private readonly subscriptions: CatchUpSubscriptions;
  private readonly sql;
  private readonly appendTransaction;
  private readonly appendManyTransaction;

  constructor(options: SqliteEventStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Another process may hold the write lock for a moment: wait instead of failing.
    this.db.pragma('busy_timeout = 5000');
    migrateSqliteEventStore(this.db);
    this.sql = {
      head: this.db.prepare<[], { head: number }>('SELECT coalesce(max(global_position), 0) AS head FROM events'),
      streamEnd: this.db.prepare<[string], { stream_version: number; global_position: number }>(
        'SELECT stream_version, global_position FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
      ),
      stored: this.db.prepare<[string], AppendState['stored'][number]>(
        `SELECT event_id AS eventId, stream_id AS streamId, stream_version AS streamVersion, global_position AS globalPosition
         FROM events WHERE event_id IN (SELECT value FROM json_each(?))`,
      ),
      insert: this.db.prepare<[number, string, number, string, string, string, string, string]>(
        `INSERT INTO events (global_position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      readStream: this.db.prepare<[string, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version',
      ),
      readAll: this.db.prepare<[number, number], EventRow>(
        'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
      ),
    };
    this.appendTransaction = this.db.transaction(this.appendLocked.bind(this));
    // Each entry reads the stream end and head after the previous entries' inserts: same transaction.
    this.appendManyTransaction = this.db.transaction((appends: StreamAppend[], lookUpStoredIds: boolean) =>
      appends.map(({ streamId, events, expectedVersion = 'any' }) => this.appendLocked(streamId, events, expectedVersion, lookUpStoredIds)),
    );
    this.subscriptions = new CatchUpSubscriptions({
      readAll: (page) => this.readAll(page),
      appended: this.appended,
      pollIntervalMs: options.pollIntervalMs ?? 250,
      pageSize: options.subscriptionPageSize ?? 500,
    });
  }

  async append(
    streamId: string,
    events: NewEvent[],
    { expectedVersion = 'any' }: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    let written: Written;
    try {
      // Almost every append carries only new ids: skip looking them up. A version conflict or
      // a clash on the unique event_id index (which rolls the transaction back) may mean a
      // replay, so only then run again, looking the ids up.
      written = this.appendTransaction.immediate(streamId, events, expectedVersion, false);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) && !isEventIdClash(error)) throw error;
      written = this.appendTransaction.immediate(streamId, events, expectedVersion, true);
    }
    if (written.appended > 0) this.appended.notify();
    return written.result;
  }

  /** One transaction for all entries, with the same replay fallback as `append`. */
  async appendMany(appends: StreamAppend[]): Promise<AppendManyResult[]> {
    let written: Written[];
    try {
      written = this.appendManyTransaction.immediate(appends, false);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) && !isEventIdClash(error)) throw error;
      written = this.appendManyTransaction.immediate(appends, true);
    }
    if (written.some((entry) => entry.appended > 0)) this.appended.notify();
    return written.map((entry) => ({ ...entry.result, appendedCount: entry.appended }));
  }

  private appendLocked(
    streamId: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
    lookUpStoredIds: boolean,
  ): Written {
    const end = this.sql.streamEnd.get(streamId);
    const plan = planAppend(
      {
        streamId,
        currentVersion: end?.stream_version ?? NO_STREAM_VERSION,
        lastGlobalPosition: end?.global_position ?? 0,
        stored: lookUpStoredIds ? this.sql.stored.all(JSON.stringify(events.map((event) => event.eventId))) : [],
      },
      events,
      expectedVersion,
    );
    if (plan.kind !== 'append') return { result: plan.result, appended: 0 };

    const head = this.sql.head.get()?.head ?? 0;
    const recordedAt = new Date().toISOString();
    plan.events.forEach((event, index) => {
      this.sql.insert.run(
        head + 1 + index,
        streamId,
        plan.firstVersion + index,
        event.eventId,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
    });
    return {
      result: { nextExpectedVersion: plan.nextExpectedVersion, lastGlobalPosition: head + plan.events.length },
      appended: plan.events.length,
    };
  }

  async readStream(streamId: string, { fromVersion = 0 }: { fromVersion?: number } = {}): Promise<RecordedEvent[]> {
    return this.sql.readStream.all(streamId, fromVersion).map(toRecordedEvent);
  }

  async readAll({ after = 0, limit = DEFAULT_READ_LIMIT }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.sql.readAll.all(after, limit).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return this.subscriptions.start(options);
  }

  async headPosition(): Promise<number> {
    return this.sql.head.get()?.head ?? 0;
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    this.db.close();
  }
}

/** Idempotent DDL; the same columns as the PostgreSQL table, JSON kept as text. */
export function migrateSqliteEventStore(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      global_position INTEGER PRIMARY KEY,
      stream_id TEXT NOT NULL,
      stream_version INTEGER NOT NULL,
      event_id TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      UNIQUE (stream_id, stream_version)
    )`);
}

/**
 * By its fields, not `instanceof`: the native addon keeps the error class of the first copy of
 * better-sqlite3 loaded in the process, so the errors a second copy throws (jest runs each test
 * file in its own module registry and realm) are not instances of its classes, nor of its Error.
 */
function isEventIdClash(error: unknown): boolean {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
    recordedAt: row.recorded_at,
  };
}
