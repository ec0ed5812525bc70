import type { PoolClient } from 'pg';
import { planAppendMany, type AppendManyState, type PlannedRow } from '../append-many-plan';
import type { AppendManyResult, StreamAppend } from '../event-store.port';
import type { PostgresEventStoreNames } from './postgres-schema';

interface StateRow {
  head: string;
  stream_ends: AppendManyState['streamEnds'];
  stored: AppendManyState['stored'];
}

/**
 * `appendMany` in one transaction, under the same append lock as `append` (so positions still
 * follow commit order), in two round trips whatever the number of streams, since the lock is held
 * for every one of them and appends wait on each other:
 * 1. BEGIN, take the lock, read the ends of every stream named and which ids are stored (a
 *    statement of its own after the lock, so its snapshot sees every earlier append);
 * 2. after planning in memory, one INSERT of all fresh rows, NOTIFY and COMMIT.
 * Both are simple-protocol batches, which take no bound parameters: the ids and the rows travel as
 * one JSON text each, dollar-quoted, so nothing is escaped on the way (bound arrays made the driver
 * escape every quote of every event's JSON). With `beforeCommit` (tests), COMMIT goes alone after it.
 * The caller rolls back on a failure.
 */
export async function appendManyInTransaction(
  client: PoolClient,
  { table, channel, lockKey }: PostgresEventStoreNames,
  requested: readonly StreamAppend[],
  beforeCommit?: (client: PoolClient) => Promise<void>,
): Promise<AppendManyResult[]> {
  const appends = requested.map((append) => ({ ...append, streamId: encodable(append.streamId) }));
  const streamIds = dollarQuoted(JSON.stringify([...new Set(appends.map((append) => append.streamId))]));
  const eventIds = dollarQuoted(JSON.stringify([...new Set(appends.flatMap((append) => append.events.map((event) => event.eventId)))]));
  const results = (await client.query(
    `BEGIN;
     SELECT pg_advisory_xact_lock(${lockKey.join(', ')});
     SELECT
       (SELECT coalesce(max(global_position), 0) FROM ${table}) AS head,
       (SELECT coalesce(json_agg(json_build_object('streamId', wanted.id, 'version', last.stream_version, 'globalPosition', last.global_position)), '[]')
          FROM jsonb_array_elements_text(${streamIds}::jsonb) AS wanted(id)
          JOIN LATERAL (
            SELECT stream_version, global_position FROM ${table}
            WHERE stream_id = wanted.id ORDER BY stream_version DESC LIMIT 1
          ) AS last ON true) AS stream_ends,
       (SELECT coalesce(json_agg(json_build_object(
            'eventId', event_id, 'streamId', stream_id, 'streamVersion', stream_version, 'globalPosition', global_position)), '[]')
          FROM ${table} WHERE event_id = ANY (ARRAY(SELECT jsonb_array_elements_text(${eventIds}::jsonb)::uuid))) AS stored`,
  )) as unknown as [unknown, unknown, { rows: StateRow[] }];
  const [state] = results[2].rows;
  const plan = planAppendMany({ head: Number(state.head), streamEnds: state.stream_ends, stored: state.stored }, appends);
  if (plan.rows.length === 0) {
    await client.query('ROLLBACK');
    return plan.results;
  }
  const insert = `INSERT INTO ${table} (global_position, stream_id, stream_version, event_id, type, data, metadata)
     SELECT p, s, v, i, t, d, m FROM jsonb_to_recordset(${dollarQuoted(rowsAsJson(plan.rows))}::jsonb)
       AS row(p bigint, s text, v integer, i uuid, t text, d jsonb, m jsonb)`;
  // NOTIFY is delivered only when (and if) the transaction commits.
  if (beforeCommit === undefined) {
    await client.query(`${insert}; NOTIFY ${channel}; COMMIT`);
  } else {
    await client.query(insert);
    await beforeCommit(client);
    await client.query(`NOTIFY ${channel}; COMMIT`);
  }
  return plan.results;
}

/** The rows as one JSON array, stringified in one call (the events' data and metadata inline). */
function rowsAsJson(rows: readonly PlannedRow[]): string {
  return JSON.stringify(
    rows.map(({ globalPosition, streamId, streamVersion, event }) => ({
      p: globalPosition,
      s: streamId,
      v: streamVersion,
      i: event.eventId,
      t: event.type,
      d: event.data,
      m: event.metadata,
    })),
  );
}

/**
 * A stream id as it is stored: UTF-8 has no encoding for a lone surrogate, which the driver sends
 * as U+FFFD, whereas JSON escapes it and jsonb refuses the escape. Stream ids come from vendor
 * payloads; planning with the stored form also finds a replay of such a stream.
 */
function encodable(streamId: string): string {
  return SURROGATE.test(streamId) ? Buffer.from(streamId, 'utf8').toString('utf8') : streamId;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A dollar-quoted literal, which PostgreSQL reads verbatim, under a tag the text does not contain.
 * Only for JSON arrays: they begin and end with a bracket, so no tag can straddle their ends.
 */
function dollarQuoted(jsonArray: string): string {
  let tag = '$j$';
  while (jsonArray.includes(tag)) tag = `$j${tag.slice(1)}`;
  return `${tag}${jsonArray}${tag}`;
}
