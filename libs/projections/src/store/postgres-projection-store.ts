import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  projectionConflict,
  ProjectionError,
  type BatchWrite,
  type DirectoryEventRow,
  type EntityEventRow,
  type FactsRow,
  type GenerationInfo,
  type GenerationState,
  type ProjectionStore,
} from './projection-store';

interface GenerationRecord {
  generation: number;
  definitions_version: number;
  state: GenerationState;
  position: string | null;
}

/**
 * One statement per table and batch, the rows passed as one JSON array that `json_to_recordset`
 * turns back into rows: PostgreSQL parses a JSON parameter several times faster than text arrays
 * (whose literal it decodes element by element), which is most of a rebuild's time otherwise.
 * The entity events, a rebuild's largest write, go in with COPY (see `writeEntityEvents`).
 */
const COPY_ENTITY_EVENTS = 'COPY projection_entity_events (generation, entity_key, event_id, global_position, occurred_at, event) FROM STDIN';
const INSERT_ENTITY_EVENTS = `INSERT INTO projection_entity_events (generation, entity_key, event_id, global_position, occurred_at, event)
  SELECT $1, r.k, r.i, r.p, r.o, r.e FROM json_to_recordset($2::json) AS r(k text, i varchar, p bigint, o timestamptz, e text)
  ON CONFLICT DO NOTHING`;
const UPSERT_FACTS = `INSERT INTO projection_entity_facts (generation, entity_key, kind, facts, last_position)
  SELECT $1, r.k, r.c, r.f, r.p FROM json_to_recordset($2::json) AS r(k text, c varchar, f text, p bigint)
  ON CONFLICT (generation, entity_key) DO UPDATE SET kind = EXCLUDED.kind, facts = EXCLUDED.facts, last_position = EXCLUDED.last_position`;
const INSERT_DIRECTORY_EVENTS = `INSERT INTO projection_directory_events (generation, event_id, global_position, event)
  SELECT $1, r.i, r.p, r.e FROM json_to_recordset($2::json) AS r(i varchar, p bigint, e text)
  ON CONFLICT DO NOTHING`;

/**
 * The events of some entities ($2, an array of keys) in a generation, up to a position ($3). An array, not a JSON list:
 * the planner then knows how many keys it looks up, and looks each up in the key's index, whatever
 * its statistics say of the generation (exported for the test of that plan).
 */
export const LOAD_ENTITY_EVENTS = 'SELECT entity_key, event FROM projection_entity_events WHERE generation = $1 AND entity_key = ANY($2::text[]) AND global_position <= $3';

/**
 * The distributed mode's read models on PostgreSQL, through the TypeORM DataSource (its query
 * logger counts the statements). A batch locks its checkpoint row first (`FOR UPDATE`): two
 * projector instances on one generation take turns, and the second finds the checkpoint moved
 * and writes nothing.
 */
export class PostgresProjectionStore implements ProjectionStore {
  readonly dialect = 'postgres';
  /** Rebuilds running through this store (`rebuilding`). */
  private rebuilds = 0;
  /** Settles when the last batch handed to `commitBatch` has committed or failed. */
  private lastCommit: Promise<void> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  async generations(projection: string): Promise<GenerationInfo[]> {
    const rows = (await this.dataSource.query(
      `SELECT g.generation, g.definitions_version, g.state, c.position
       FROM projection_generations g LEFT JOIN projection_checkpoints c ON c.projection = g.projection AND c.generation = g.generation
       WHERE g.projection = $1 ORDER BY g.generation DESC`,
      [projection],
    )) as GenerationRecord[];
    return rows.map((row) => ({ generation: row.generation, definitionsVersion: row.definitions_version, state: row.state, position: Number(row.position ?? 0) }));
  }

  async ensureActiveGeneration(projection: string, definitionsVersion: number): Promise<GenerationInfo> {
    await this.inTransaction(async (runner) => {
      // Replicas starting together: the first takes the lock and creates generation 1, the others find it.
      await runner.query(`SELECT pg_advisory_xact_lock(hashtext('tandem.projection_generations'))`);
      const [{ count }] = (await runner.query('SELECT COUNT(*)::int AS count FROM projection_generations WHERE projection = $1', [projection])) as { count: number }[];
      if (count > 0) return;
      await runner.query(
        `INSERT INTO projection_generations (generation, projection, definitions_version, state, created_at, activated_at)
         VALUES ((SELECT COALESCE(MAX(generation), 0) + 1 FROM projection_generations), $1, $2, 'active', now(), now())`,
        [projection, definitionsVersion],
      );
      await runner.query(
        `INSERT INTO projection_checkpoints (projection, generation, position)
         SELECT projection, generation, 0 FROM projection_generations WHERE projection = $1 AND state = 'active'`,
        [projection],
      );
    });
    const active = (await this.generations(projection)).find((generation) => generation.state === 'active');
    if (!active) throw new ProjectionError('PROJECTION_NO_GENERATION', `projection ${projection} has generations but none is active (a replay is building the first one)`);
    return active;
  }

  async createGeneration(projection: string, definitionsVersion: number): Promise<GenerationInfo> {
    const generation = await this.inTransaction(async (runner) => {
      await runner.query(`SELECT pg_advisory_xact_lock(hashtext('tandem.projection_generations'))`);
      const [{ next }] = (await runner.query('SELECT COALESCE(MAX(generation), 0) + 1 AS next FROM projection_generations')) as { next: number }[];
      await runner.query(
        `INSERT INTO projection_generations (generation, projection, definitions_version, state, created_at) VALUES ($1, $2, $3, 'building', now())`,
        [next, projection, definitionsVersion],
      );
      await runner.query('INSERT INTO projection_checkpoints (projection, generation, position) VALUES ($1, $2, 0)', [projection, next]);
      return Number(next);
    });
    return { generation, definitionsVersion, state: 'building', position: 0 };
  }

  async activate(projection: string, generation: number): Promise<number[]> {
    return this.inTransaction(async (runner) => {
      const retired = await runner.query(
        `UPDATE projection_generations SET state = 'retired' WHERE projection = $1 AND state = 'active' RETURNING generation`,
        [projection],
        true,
      );
      const activated = await runner.query(
        `UPDATE projection_generations SET state = 'active', activated_at = now() WHERE projection = $1 AND generation = $2 AND state = 'building'`,
        [projection, generation],
        true,
      );
      if (activated.affected !== 1) throw projectionConflict(`generation ${generation} of ${projection} is not building: it cannot be activated`);
      return (retired.records as { generation: number }[]).map((row) => Number(row.generation));
    });
  }

  async dropGeneration(projection: string, generation: number): Promise<void> {
    await this.inTransaction(async (runner) => {
      // The checkpoint first: a projector still writing this generation waits on its lock, then finds it gone.
      await runner.query('DELETE FROM projection_checkpoints WHERE projection = $1 AND generation = $2', [projection, generation]);
      await runner.query(`UPDATE projection_generations SET state = 'retired' WHERE projection = $1 AND generation = $2`, [projection, generation]);
      for (const table of ['projection_entity_events', 'projection_entity_facts', 'projection_directory_events']) {
        await runner.query(`DELETE FROM ${table} WHERE generation = $1`, [generation]);
      }
    });
  }

  /**
   * Batches apply in call order: each waits for the one before it to settle before it takes the
   * checkpoint. In a rebuild, whose generation has one writer, a batch's events go in first, while
   * the batch before it commits: its entity events depend on nothing earlier, and the server writes
   * them on a second connection meanwhile. Its earlier events are then read up to the checkpoint it
   * was planned on, not to its own.
   */
  async commitBatch(projection: string, batch: BatchWrite): Promise<void> {
    const earlierBatch = this.lastCommit;
    const commit = this.inTransaction(async (runner) => {
      const rebuilding = this.rebuilds > 0;
      if (rebuilding) {
        await runner.query('SET LOCAL synchronous_commit = off');
        await writeEntityEvents(runner, batch.generation, batch.entityEvents);
      }
      await earlierBatch;
      const [current] = (await runner.query(
        `SELECT c.position, g.state FROM projection_checkpoints c JOIN projection_generations g ON g.generation = c.generation AND g.projection = c.projection
         WHERE c.projection = $1 AND c.generation = $2 FOR UPDATE OF c`,
        [projection, batch.generation],
      )) as { position: string; state: GenerationState }[];
      if (!current || current.state === 'retired') throw projectionConflict(`generation ${batch.generation} of ${projection} is no longer written`);
      if (Number(current.position) !== batch.expectedPosition) {
        throw projectionConflict(`checkpoint of ${projection} generation ${batch.generation} is ${current.position}, expected ${batch.expectedPosition}`);
      }
      const earlier = await this.loadEntityEvents(runner, batch);
      const facts = batch.refold(earlier);
      if (!rebuilding) await writeEntityEvents(runner, batch.generation, batch.entityEvents);
      if (facts.length > 0) {
        const rows = facts.map((row) => ({ k: row.entityKey, c: row.kind, f: row.facts, p: row.lastPosition }));
        await runner.query(UPSERT_FACTS, [batch.generation, JSON.stringify(rows)]);
      }
      if (batch.directoryEvents.length > 0) {
        const rows = batch.directoryEvents.map((row) => ({ i: row.eventId, p: row.globalPosition, e: row.json }));
        await runner.query(INSERT_DIRECTORY_EVENTS, [batch.generation, JSON.stringify(rows)]);
      }
      await runner.query('UPDATE projection_checkpoints SET position = $1 WHERE projection = $2 AND generation = $3', [batch.position, projection, batch.generation]);
      batch.beforeCommit?.();
    });
    this.lastCommit = commit.then(
      () => undefined,
      () => undefined,
    );
    await commit;
  }

  /**
   * A rebuild's batches do not wait for the WAL flush at COMMIT: a crash may lose the last ones,
   * rows and checkpoint together, and the rebuild goes on from the checkpoint that survived.
   */
  async rebuilding<T>(work: () => Promise<T>): Promise<T> {
    this.rebuilds += 1;
    try {
      return await work();
    } finally {
      this.rebuilds -= 1;
    }
  }

  async factsSince(generation: number, after: number): Promise<FactsRow[]> {
    const rows = (await this.dataSource.query(
      'SELECT entity_key, kind, facts, last_position FROM projection_entity_facts WHERE generation = $1 AND last_position > $2',
      [generation, after],
    )) as { entity_key: string; kind: string; facts: string; last_position: string }[];
    return rows.map((row) => ({ entityKey: row.entity_key, kind: row.kind, facts: row.facts, lastPosition: Number(row.last_position) }));
  }

  async directoryEventsSince(generation: number, after: number): Promise<DirectoryEventRow[]> {
    const rows = (await this.dataSource.query(
      'SELECT event_id, global_position, event FROM projection_directory_events WHERE generation = $1 AND global_position > $2 ORDER BY global_position, event_id',
      [generation, after],
    )) as { event_id: string; global_position: string; event: string }[];
    return rows.map((row) => ({ eventId: row.event_id, globalPosition: Number(row.global_position), json: row.event }));
  }

  private async loadEntityEvents(runner: QueryRunner, batch: BatchWrite): Promise<Map<string, string[]>> {
    const earlier = new Map<string, string[]>();
    if (batch.keysToLoad.length === 0) return earlier;
    const rows = (await runner.query(LOAD_ENTITY_EVENTS, [batch.generation, batch.keysToLoad, batch.expectedPosition])) as { entity_key: string; event: string }[];
    for (const row of rows) {
      const events = earlier.get(row.entity_key);
      if (events) events.push(row.event);
      else earlier.set(row.entity_key, [row.event]);
    }
    return earlier;
  }

  private async inTransaction<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      try {
        const result = await work(runner);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}

/**
 * COPY: PostgreSQL reads its text format about twice as fast as it parses the same rows out of a
 * JSON parameter (bench: 5,000 events, 32 against 68 ms), and the rows are new but for an event
 * the store returned twice (a store whose ids are unique per stream, not per log). COPY cannot skip
 * those: when it meets one, the rows go in again, after a rollback to the savepoint, by the INSERT
 * that leaves an event already stored as it is.
 */
async function writeEntityEvents(runner: QueryRunner, generation: number, rows: readonly EntityEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await runner.query('SAVEPOINT entity_events');
  try {
    const copyRows = rows.map((row) => copyLine([generation, row.entityKey, row.eventId, row.globalPosition, row.occurredAt, row.json])).join('');
    const client = (await runner.connect()) as PoolClient;
    await pipeline(Readable.from([copyRows]), client.query(copyFrom(COPY_ENTITY_EVENTS)));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await runner.query('ROLLBACK TO SAVEPOINT entity_events');
    const json = rows.map((row) => ({ k: row.entityKey, i: row.eventId, p: row.globalPosition, o: row.occurredAt, e: row.json }));
    await runner.query(INSERT_ENTITY_EVENTS, [generation, JSON.stringify(json)]);
  }
}

/** One row of COPY's text format: tab-separated fields, backslash escapes for the characters that separate them. */
function copyLine(fields: readonly (string | number)[]): string {
  return `${fields.map((field) => (typeof field === 'number' ? String(field) : field.replace(COPY_SPECIAL, escapeCopyCharacter))).join('\t')}\n`;
}

const COPY_SPECIAL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeCopyCharacter(character: string): string {
  return COPY_ESCAPES[character];
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
