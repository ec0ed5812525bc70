import type { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '@tandem/contracts';
import { escapeLiteral, type Pool, type PoolClient, type QueryResult } from 'pg';
import { planAppend, NO_STREAM_VERSION, type AppendState } from '../append-plan';
import { CatchUpSubscriptions } from '../catch-up-subscription';
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
import { appendManyInTransaction } from './postgres-append-many';
import { PostgresAppendSignal } from './postgres-append-signal';
import { postgresEventStoreNames, type PostgresEventStoreNames } from './postgres-schema';

export interface PostgresEventStoreOptions {
  /** Owned by the caller: `close()` releases what the store holds but does not end the pool. */
  pool: Pool;
  /** Schema holding the `events` table (see `migratePostgresEventStore`). Default `public`. */
  schema?: string;
  /** Longest wait of a live subscription without a notification. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Events per read while a subscription catches up. Default 500. */
  subscriptionPageSize?: number;
  /**
   * Test-only: runs inside the append transaction after positions are allocated, just before
   * COMMIT, so tests can hold transactions open and try to make a later position commit first.
   */
  beforeCommit?: (client: PoolClient) => Promise<void>;
}

const DEFAULT_READ_LIMIT = 1000;

interface EventRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  recorded_at: string;
}

interface StateRow {
  head: string;
  current_version: number | null;
  last_global_position: string | null;
  stored: AppendState['stored'];
}

/**
 * Event store on one PostgreSQL table.
 *
 * The sequence-gap problem: if positions came from a sequence, a transaction could take
 * position 10, stay open, and commit after position 11; a reader that already moved past 11
 * would never see 10. Remedy chosen: every append takes a transaction-scoped advisory lock
 * before it reads the head position, and holds it until COMMIT. Appends are therefore
 * serialised, positions are allocated as head + 1 inside the lock, and commit order equals
 * position order, so "position > N" is always a complete answer. It also makes the
 * expected-version check race-free. The cost is one writer at a time; appends are short
 * (three round trips, see appendInTransaction) and batches amortise it, as the benchmark shows.
 * The alternative (pg_current_xact_id() + reading below pg_snapshot_xmin) keeps writers
 * parallel but lets one long transaction stall every reader, and needs an extra column.
 */
export class PostgresEventStore implements EventStore {
  private readonly names: PostgresEventStoreNames;
  private readonly appended: PostgresAppendSignal;
  private readonly subscriptions: CatchUpSubscriptions;
  private readonly sql: ReturnType<typeof statements>;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.names = postgresEventStoreNames(options.schema ?? 'public');
    this.sql = statements(this.names);
    const pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.appended = new PostgresAppendSignal(options.pool, this.names.channel, pollIntervalMs);
    this.subscriptions = new CatchUpSubscriptions({
      readAll: (page) => this.readAll(page),
      appended: this.appended,
      pollIntervalMs,
      pageSize: options.subscriptionPageSize ?? 500,
    });
  }

  async append(
    streamId: string,
    events: NewEvent[],
    { expectedVersion = 'any' }: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    return this.withTransactionClient((client) => this.appendInTransaction(client, streamId, events, expectedVersion));
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendManyResult[]> {
    if (appends.length === 0) return [];
    return this.withTransactionClient((client) => appendManyInTransaction(client, this.names, appends, this.options.beforeCommit));
  }

  /** Runs a transaction on a pooled client; rolls back on failure, and drops a client that cannot. */
  private async withTransactionClient<T>(run: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.options.pool.connect();
    let broken: Error | undefined;
    try {
      return await run(client);
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Three round trips, because on a busy machine each costs as much as the work:
   * 1. BEGIN, take the append lock, read the stream's state: one simple-protocol batch (the
   *    state statement runs after the lock, with a fresh snapshot, so it sees every earlier
   *    append; it is PREPAREd once per connection, which saves planning it every time);
   * 2. the INSERT of the fresh events, as bound arrays;
   * 3. NOTIFY and COMMIT.
   */
  private async appendInTransaction(
    client: PoolClient,
    streamId: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    await this.prepareStateStatement(client);
    const results = (await client.query(
      this.sql.beginLockAndReadState(streamId, events.map((event) => event.eventId)),
    )) as unknown as [QueryResult, QueryResult, QueryResult<StateRow>];
    const [state] = results[2].rows;
    const plan = planAppend(
      {
        streamId,
        currentVersion: state.current_version ?? NO_STREAM_VERSION,
        lastGlobalPosition: Number(state.last_global_position ?? 0),
        stored: state.stored,
      },
      events,
      expectedVersion,
    );
    if (plan.kind !== 'append') {
      await client.query('ROLLBACK');
      return plan.result;
    }
    const firstPosition = Number(state.head) + 1;
    await client.query({
      ...this.sql.insert,
      values: [
        firstPosition,
        streamId,
        plan.firstVersion,
        plan.events.map((event) => event.eventId),
        plan.events.map((event) => event.type),
        plan.events.map((event) => JSON.stringify(event.data)),
        plan.events.map((event) => JSON.stringify(event.metadata)),
      ],
    });
    await this.options.beforeCommit?.(client);
    // NOTIFY is delivered only when (and if) the transaction commits.
    await client.query(`NOTIFY ${this.names.channel}; COMMIT`);
    return { nextExpectedVersion: plan.nextExpectedVersion, lastGlobalPosition: firstPosition + plan.events.length - 1 };
  }

  private async prepareStateStatement(client: PoolClient): Promise<void> {
    const prepared = statementsPreparedOn.get(client) ?? new Set<string>();
    if (prepared.has(this.sql.state.name)) return;
    await client.query(this.sql.state.prepare);
    statementsPreparedOn.set(client, prepared.add(this.sql.state.name));
  }

  async readStream(streamId: string, { fromVersion = 0 }: { fromVersion?: number } = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.options.pool.query<EventRow>({ ...this.sql.readStream, values: [streamId, fromVersion] });
    return rows.map(toRecordedEvent);
  }

  async readAll({ after = 0, limit = DEFAULT_READ_LIMIT }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.options.pool.query<EventRow>({ ...this.sql.readAll, values: [after, limit] });
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return this.subscriptions.start(options);
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.options.pool.query<{ head: string }>(this.sql.head);
    return Number(rows[0].head);
  }

  /** Stops this store's subscriptions and its LISTEN connection; the pool stays open. */
  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.appended.close();
  }
}

/** SQL-level prepared statements live on the connection: remember where each one exists. */
const statementsPreparedOn = new WeakMap<PoolClient, Set<string>>();

/** recorded_at formatted by the server: cheaper than parsing a Date and formatting it again. */
const EVENT_COLUMNS = `global_position, stream_id, stream_version, event_id, type, data, metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

/** Named (prepared once per connection) statements for one schema. */
function statements({ table, statementPrefix, lockKey }: PostgresEventStoreNames) {
  return {
    /** Reads the stream's last version, the head position and which of the ids are stored. */
    state: {
      name: `${statementPrefix}_state`,
      prepare: `
        PREPARE ${statementPrefix}_state (text, text) AS
        SELECT
          (SELECT coalesce(max(global_position), 0) FROM ${table}) AS head,
          last.stream_version AS current_version,
          last.global_position AS last_global_position,
          (SELECT coalesce(json_agg(json_build_object(
              'eventId', event_id, 'streamId', stream_id,
              'streamVersion', stream_version, 'globalPosition', global_position)), '[]')
            FROM ${table}
            WHERE event_id IN (SELECT jsonb_array_elements_text($2::jsonb)::uuid)
          ) AS stored
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (
          SELECT stream_version, global_position FROM ${table}
          WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1
        ) AS last ON true`,
    },
    /**
     * The simple protocol has no bound parameters, so the stream id and the event ids (as one
     * JSON array) are escaped with pg's escapeLiteral.
     */
    beginLockAndReadState: (streamId: string, eventIds: string[]) =>
      `BEGIN;
       SELECT pg_advisory_xact_lock(${lockKey.join(', ')});
       EXECUTE ${statementPrefix}_state (${escapeLiteral(streamId)}, ${escapeLiteral(JSON.stringify(eventIds))})`,
    insert: {
      name: `${statementPrefix}_insert`,
      text: `
        INSERT INTO ${table} (global_position, stream_id, stream_version, event_id, type, data, metadata)
        SELECT $1::bigint + ordinal - 1, $2, $3::integer + ordinal - 1, event_id, type, data, metadata
        FROM unnest($4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])
          WITH ORDINALITY AS batch(event_id, type, data, metadata, ordinal)`,
    },
    readStream: {
      name: `${statementPrefix}_read_stream`,
      text: `SELECT ${EVENT_COLUMNS} FROM ${table} WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version`,
    },
    readAll: {
      name: `${statementPrefix}_read_all`,
      text: `SELECT ${EVENT_COLUMNS} FROM ${table} WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
    },
    head: {
      name: `${statementPrefix}_head`,
      text: `SELECT coalesce(max(global_position), 0) AS head FROM ${table}`,
    },
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: Number(row.global_position),
    recordedAt: row.recorded_at,
  };
}
