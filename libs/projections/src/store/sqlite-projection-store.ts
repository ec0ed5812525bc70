import type Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import {
  projectionConflict,
  ProjectionError,
  type BatchWrite,
  type DirectoryEventRow,
  type FactsRow,
  type GenerationInfo,
  type GenerationState,
  type ProjectionStore,
} from './projection-store';
import { BATCH_SQL, checkpointConflict, readEarlierEvents, SqliteBatchWriter, writeFoldedBatch, type EarlierEventsRead, type FoldedBatch } from './sqlite-batch-writer';

interface GenerationRecord {
  generation: number;
  definitions_version: number;
  state: GenerationState;
  position: number | null;
}

const GENERATIONS = `SELECT g.generation, g.definitions_version, g.state, c.position
  FROM projection_generations g LEFT JOIN projection_checkpoints c ON c.projection = g.projection AND c.generation = g.generation
  WHERE g.projection = ? ORDER BY g.generation DESC`;

/**
 * A rebuild's page cache (KiB, as `cache_size` takes it negative): a batch inserts its events all
 * over the primary key's index, and with the default 2 MB cache most of those pages are spilled
 * and read back before COMMIT. Resident memory while the rebuild runs, given back after.
 */
const REBUILD_CACHE_KIB = 64 * 1024;

/** How long a batch waits for a TypeORM transaction of another component on the shared connection to end. */
const SHARED_CONNECTION_WAIT_MS = 5;

/**
 * The embedded mode's read models. TypeORM's better-sqlite3 driver has one connection for the
 * whole process (API tokens, audit log, projections), and an `await` inside a TypeORM
 * transaction would let other components' statements join it. So every transaction here is one
 * synchronous better-sqlite3 transaction on that connection: nothing else runs until COMMIT, and
 * the prepared statements make a rebuild cost microseconds per row. `BEGIN IMMEDIATE` takes the
 * write lock first, so a `tandem replay` process writing the same file waits rather than deadlocks.
 */
export class SqliteProjectionStore implements ProjectionStore {
  readonly dialect = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;
  /** While a rebuild runs on a database file: the thread its batches are written on. */
  private writer: SqliteBatchWriter | null = null;
  /** The last batch handed to the writer: the next one waits for it, so batches commit one after the other. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(dataSource: DataSource) {
    this.db = sqliteConnectionOf(dataSource);
    this.statements = prepare(this.db);
  }

  async generations(projection: string): Promise<GenerationInfo[]> {
    return (this.statements.generations.all(projection) as GenerationRecord[]).map(toGeneration);
  }

  async ensureActiveGeneration(projection: string, definitionsVersion: number): Promise<GenerationInfo> {
    await this.whenConnectionFree();
    this.db
      .transaction(() => {
        if (this.statements.countGenerations.pluck().get(projection) !== 0) return;
        this.statements.insertGeneration.run(1, projection, definitionsVersion, 'active', nowIso(), nowIso());
        this.statements.insertCheckpoint.run(projection, 1);
      })
      .immediate();
    const active = (await this.generations(projection)).find((generation) => generation.state === 'active');
    if (!active) throw new ProjectionError('PROJECTION_NO_GENERATION', `projection ${projection} has generations but none is active (a replay is building the first one)`);
    return active;
  }

  async createGeneration(projection: string, definitionsVersion: number): Promise<GenerationInfo> {
    await this.whenConnectionFree();
    const generation = this.db
      .transaction(() => {
        const next = Number(this.statements.maxGeneration.pluck().get() ?? 0) + 1;
        this.statements.insertGeneration.run(next, projection, definitionsVersion, 'building', nowIso(), null);
        this.statements.insertCheckpoint.run(projection, next);
        return next;
      })
      .immediate();
    return { generation, definitionsVersion, state: 'building', position: 0 };
  }

  async activate(projection: string, generation: number): Promise<number[]> {
    await this.whenConnectionFree();
    return this.db
      .transaction(() => {
        const retired = this.statements.activeGenerations.pluck().all(projection) as number[];
        this.statements.retireActive.run(projection);
        if (this.statements.activateBuilding.run(nowIso(), projection, generation).changes !== 1) {
          throw projectionConflict(`generation ${generation} of ${projection} is not building: it cannot be activated`);
        }
        return retired;
      })
      .immediate();
  }

  async dropGeneration(projection: string, generation: number): Promise<void> {
    await this.whenConnectionFree();
    this.db
      .transaction(() => {
        this.statements.deleteCheckpoint.run(projection, generation);
        this.statements.retireGeneration.run(projection, generation);
        for (const statement of this.statements.deleteRows) statement.run(generation);
      })
      .immediate();
  }

  /**
   * Batches apply in call order: each is folded and written once the one before it has settled.
   * On the writer thread, its entity events and the read of its entities' earlier events are
   * handed over at once: the thread takes requests in order, so it writes them after the earlier
   * batches' events, and while the projector folds those batches.
   */
  async commitBatch(projection: string, batch: BatchWrite): Promise<void> {
    // A test's `beforeCommit` runs in the transaction, which only this thread's can do.
    const handedOver = this.writer && !batch.beforeCommit ? handOver(this.writer, batch) : null;
    const committed = this.writing.then(() => (handedOver ? this.commitOnWriter(projection, batch, handedOver) : this.commitHere(projection, batch)));
    this.writing = committed.catch(() => undefined);
    return committed;
  }

  private async commitHere(projection: string, batch: BatchWrite): Promise<void> {
    await this.whenConnectionFree();
    const s = this.statements;
    this.db
      .transaction(() => {
        const conflict = checkpointConflict(s, { projection, generation: batch.generation, expectedPosition: batch.expectedPosition });
        if (conflict !== null) throw projectionConflict(conflict);
        const facts = batch.refold(this.earlierEvents(batch));
        writeFoldedBatch(s, foldedBatch(projection, batch, facts));
        batch.beforeCommit?.();
      })
      .immediate();
  }

  /**
   * The facts are folded here from the earlier events the writer read, and the rest of the batch
   * written there; the writer checks the checkpoint in its transaction, so a batch planned on a
   * checkpoint that another writer moved meanwhile is refused, as on this thread.
   */
  private async commitOnWriter(projection: string, batch: BatchWrite, { writer, eventsWritten, earlier }: HandedOver): Promise<void> {
    await eventsWritten;
    const facts = batch.refold(await earlier);
    const conflict = await writer.write({ ...foldedBatch(projection, batch, facts), entityEvents: [] });
    if (conflict !== null) throw projectionConflict(conflict);
  }

  /** The stored events (JSON) of the batch's entities that the projector does not hold. */
  private earlierEvents(batch: BatchWrite): Map<string, string[]> {
    return new Map(readEarlierEvents(this.statements, earlierEventsRead(batch)));
  }

  /**
   * Bigger page cache, and no automatic checkpoint after each large COMMIT (each would copy the
   * batch's pages into the database file again and sync it twice): the rebuild's pages are
   * checkpointed once, at the end. On a database file, the batches are written on a thread of
   * their own (SqliteBatchWriter, see there), several to a transaction, its connection set up so;
   * this connection, which may commit other components' writes meanwhile, too. An in-memory
   * database has no other connection: its batches are written here.
   */
  async rebuilding<T>(work: () => Promise<T>): Promise<T> {
    if (this.writer) return work();
    const cacheSize = Number(this.db.pragma('cache_size', { simple: true }));
    const autocheckpoint = Number(this.db.pragma('wal_autocheckpoint', { simple: true }));
    const rebuildSettings = [`cache_size = ${-REBUILD_CACHE_KIB}`, 'wal_autocheckpoint = 0'];
    for (const setting of rebuildSettings) this.db.pragma(setting);
    if (!this.db.memory) {
      const synchronous = Number(this.db.pragma('synchronous', { simple: true }));
      const timeoutMs = Number(this.db.pragma('busy_timeout', { simple: true }));
      this.writer = new SqliteBatchWriter(this.db.name, [`synchronous = ${synchronous}`, ...rebuildSettings], timeoutMs);
    }
    try {
      return await work();
    } finally {
      const writer = this.writer;
      this.writer = null;
      await this.writing;
      await writer?.close();
      this.db.pragma(`cache_size = ${cacheSize}`);
      this.db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
      // Not inside another component's transaction on the shared connection.
      await this.whenConnectionFree();
      this.db.pragma('wal_checkpoint(PASSIVE)');
    }
  }

  async factsSince(generation: number, after: number): Promise<FactsRow[]> {
    return (this.statements.factsSince.all(generation, after) as { entity_key: string; kind: string; facts: string; last_position: number }[]).map((row) => ({
      entityKey: row.entity_key,
      kind: row.kind,
      facts: row.facts,
      lastPosition: Number(row.last_position),
    }));
  }

  async directoryEventsSince(generation: number, after: number): Promise<DirectoryEventRow[]> {
    return (this.statements.directoryEventsSince.all(generation, after) as { event_id: string; global_position: number; event: string }[]).map((row) => ({
      eventId: row.event_id,
      globalPosition: Number(row.global_position),
      json: row.event,
    }));
  }

  /**
   * A TypeORM transaction of another component may be open on the shared connection, waiting on
   * an `await`: starting ours now would nest it inside theirs. Wait for it to end.
   */
  private async whenConnectionFree(): Promise<void> {
    while (this.db.inTransaction) await new Promise((resolve) => setTimeout(resolve, SHARED_CONNECTION_WAIT_MS));
  }
}

function prepare(db: Database.Database) {
  return {
    generations: db.prepare(GENERATIONS),
    countGenerations: db.prepare('SELECT COUNT(*) FROM projection_generations WHERE projection = ?'),
    maxGeneration: db.prepare('SELECT MAX(generation) FROM projection_generations'),
    activeGenerations: db.prepare(`SELECT generation FROM projection_generations WHERE projection = ? AND state = 'active'`),
    insertGeneration: db.prepare(
      'INSERT INTO projection_generations (generation, projection, definitions_version, state, created_at, activated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertCheckpoint: db.prepare('INSERT INTO projection_checkpoints (projection, generation, position) VALUES (?, ?, 0)'),
    retireActive: db.prepare(`UPDATE projection_generations SET state = 'retired' WHERE projection = ? AND state = 'active'`),
    retireGeneration: db.prepare(`UPDATE projection_generations SET state = 'retired' WHERE projection = ? AND generation = ?`),
    activateBuilding: db.prepare(`UPDATE projection_generations SET state = 'active', activated_at = ? WHERE projection = ? AND generation = ? AND state = 'building'`),
    deleteCheckpoint: db.prepare('DELETE FROM projection_checkpoints WHERE projection = ? AND generation = ?'),
    deleteRows: ['projection_entity_events', 'projection_entity_facts', 'projection_directory_events'].map((table) => db.prepare(`DELETE FROM ${table} WHERE generation = ?`)),
    earlierEntityEvents: db.prepare(BATCH_SQL.earlierEntityEvents),
    writableCheckpoint: db.prepare(BATCH_SQL.writableCheckpoint),
    insertEntityEvent: db.prepare(BATCH_SQL.insertEntityEvent),
    upsertFacts: db.prepare(BATCH_SQL.upsertFacts),
    insertDirectoryEvent: db.prepare(BATCH_SQL.insertDirectoryEvent),
    updateCheckpoint: db.prepare(BATCH_SQL.updateCheckpoint),
    factsSince: db.prepare('SELECT entity_key, kind, facts, last_position FROM projection_entity_facts WHERE generation = ? AND last_position > ?'),
    directoryEventsSince: db.prepare(
      'SELECT event_id, global_position, event FROM projection_directory_events WHERE generation = ? AND global_position > ? ORDER BY global_position, event_id',
    ),
  };
}

/** What a batch hands the writer thread before its turn: its entity events, and the read of its entities' earlier events. */
interface HandedOver {
  writer: SqliteBatchWriter;
  eventsWritten: Promise<void>;
  earlier: Promise<Map<string, string[]>>;
}

function handOver(writer: SqliteBatchWriter, batch: BatchWrite): HandedOver {
  const eventsWritten = writer.writeEvents(batch.generation, batch.entityEvents);
  const earlier = batch.keysToLoad.length > 0 ? writer.earlierEvents(earlierEventsRead(batch)) : Promise.resolve(new Map<string, string[]>());
  // Awaited in the batch's turn; until then a failure must not count as unhandled.
  eventsWritten.catch(() => undefined);
  earlier.catch(() => undefined);
  return { writer, eventsWritten, earlier };
}

/** A batch's entities it does not hold the events of, up to the checkpoint it was planned on. */
function earlierEventsRead(batch: BatchWrite): EarlierEventsRead {
  return { generation: batch.generation, keys: batch.keysToLoad, upTo: batch.expectedPosition };
}

function foldedBatch(projection: string, batch: BatchWrite, facts: readonly FactsRow[]): FoldedBatch {
  const { generation, expectedPosition, position, entityEvents, directoryEvents } = batch;
  return { projection, generation, expectedPosition, position, entityEvents, facts, directoryEvents };
}

function toGeneration(record: GenerationRecord): GenerationInfo {
  return { generation: record.generation, definitionsVersion: record.definitions_version, state: record.state, position: Number(record.position ?? 0) };
}

function nowIso(): string {
  return new Date().toISOString();
}

/** The better-sqlite3 connection behind a TypeORM `better-sqlite3` DataSource. */
function sqliteConnectionOf(dataSource: DataSource): Database.Database {
  const connection: unknown = (dataSource.driver as { databaseConnection?: unknown }).databaseConnection;
  if (typeof connection !== 'object' || connection === null || typeof (connection as { prepare?: unknown }).prepare !== 'function') {
    throw new Error('the read-model DataSource is not an initialized better-sqlite3 database');
  }
  return connection as Database.Database;
}
