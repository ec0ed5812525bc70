import type { PoolClient } from 'pg';
import { planAppendMany, type AppendManyState } from '../append-many-plan';
import type { AppendManyResult, StreamAppend } from '../event-store.port';
import type { PostgresEventStoreNames } from './postgres-schema';

/**
 * `appendMany` in one transaction, under the same append lock as `append` (so positions still
 * follow commit order): lock, read the ends of every stream named and which ids are stored, plan
 * in memory, one INSERT of all fresh rows as bound arrays, NOTIFY and COMMIT. Four round trips
 * whatever the number of streams. The caller rolls back on a failure.
 */
export async function appendManyInTransaction(
  client: PoolClient,
  { table, channel, lockKey }: PostgresEventStoreNames,
  appends: readonly StreamAppend[],
  beforeCommit?: (client: PoolClient) => Promise<void>,
): Promise<AppendManyResult[]> {
  await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${lockKey.join(', ')})`);
  const streamIds = [...new Set(appends.map((append) => append.streamId))];
  const eventIds = [...new Set(appends.flatMap((append) => append.events.map((event) => event.eventId)))];
  const { rows } = await client.query<{ head: string; stream_ends: AppendManyState['streamEnds']; stored: AppendManyState['stored'] }>(
    `SELECT
       (SELECT coalesce(max(global_position), 0) FROM ${table}) AS head,
       (SELECT coalesce(json_agg(json_build_object('streamId', wanted.id, 'version', last.stream_version, 'globalPosition', last.global_position)), '[]')
          FROM unnest($1::text[]) AS wanted(id)
          JOIN LATERAL (
            SELECT stream_version, global_position FROM ${table}
            WHERE stream_id = wanted.id ORDER BY stream_version DESC LIMIT 1
          ) AS last ON true) AS stream_ends,
       (SELECT coalesce(json_agg(json_build_object(
            'eventId', event_id, 'streamId', stream_id, 'streamVersion', stream_version, 'globalPosition', global_position)), '[]')
          FROM ${table} WHERE event_id = ANY($2::uuid[])) AS stored`,
    [streamIds, eventIds],
  );
  const [state] = rows;
  const plan = planAppendMany({ head: Number(state.head), streamEnds: state.stream_ends, stored: state.stored }, appends);
  if (plan.rows.length === 0) {
    await client.query('ROLLBACK');
    return plan.results;
  }
  await client.query(
    `INSERT INTO ${table} (global_position, stream_id, stream_version, event_id, type, data, metadata)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])`,
    [
      plan.rows.map((row) => row.globalPosition),
      plan.rows.map((row) => row.streamId),
      plan.rows.map((row) => row.streamVersion),
      plan.rows.map((row) => row.event.eventId),
      plan.rows.map((row) => row.event.type),
      plan.rows.map((row) => JSON.stringify(row.event.data)),
      plan.rows.map((row) => JSON.stringify(row.event.metadata)),
    ],
  );
  await beforeCommit?.(client);
  // NOTIFY is delivered only when (and if) the transaction commits.
  await client.query(`NOTIFY ${channel}; COMMIT`);
  return plan.results;
}
