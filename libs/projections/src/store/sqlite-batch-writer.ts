import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { DirectoryEventRow, EntityEventRow, FactsRow } from './projection-store';

/** A batch once its facts are folded: plain data, which another thread can write. */
export interface FoldedBatch {
  projection: string;
  generation: number;
  /** The checkpoint the batch was planned on: another value in the database, and nothing is written. */
  expectedPosition: number;
  position: number;
  entityEvents: readonly EntityEventRow[];
  facts: readonly FactsRow[];
  directoryEvents: readonly DirectoryEventRow[];
}

/** The statements a batch's transaction runs, on whichever thread writes it. */
export const BATCH_SQL = {
  writableCheckpoint: `SELECT c.position, g.state FROM projection_checkpoints c JOIN projection_generations g ON g.generation = c.generation AND g.projection = c.projection
     WHERE c.projection = ? AND c.generation = ?`,
  insertEntityEvent:
    'INSERT INTO projection_entity_events (generation, entity_key, event_id, global_position, occurred_at, event) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  upsertFacts: `INSERT INTO projection_entity_facts (generation, entity_key, kind, facts, last_position) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (generation, entity_key) DO UPDATE SET kind = excluded.kind, facts = excluded.facts, last_position = excluded.last_position`,
  insertDirectoryEvent: 'INSERT INTO projection_directory_events (generation, event_id, global_position, event) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  updateCheckpoint: 'UPDATE projection_checkpoints SET position = ? WHERE projection = ? AND generation = ?',
  /** An entity's events up to a position (the checkpoint its batch was planned on). */
  earlierEntityEvents: 'SELECT event FROM projection_entity_events WHERE generation = ? AND entity_key = ? AND global_position <= ?',
} as const;

export type BatchStatements = { [Name in keyof typeof BATCH_SQL]: Database.Statement };

/**
 * The checkpoint check, the writes of a batch and the read of earlier events, as JavaScript
 * source: the writer thread runs it (it cannot load TypeScript) and so does the connection's own
 * thread, so both read and write alike. Each is the body of a function of the statements `s` and
 * the request `b`; the check returns why the batch may not be written (the generation retired, or
 * its checkpoint moved), or null.
 */
const CHECK_SOURCE = `
  const current = s.writableCheckpoint.get(b.projection, b.generation);
  if (current === undefined || current.state === 'retired') return 'generation ' + b.generation + ' of ' + b.projection + ' is no longer written';
  if (Number(current.position) !== b.expectedPosition) {
    return 'checkpoint of ' + b.projection + ' generation ' + b.generation + ' is ' + current.position + ', expected ' + b.expectedPosition;
  }
  return null;`;
const WRITE_SOURCE = `
  for (const row of b.entityEvents) s.insertEntityEvent.run(b.generation, row.entityKey, row.eventId, row.globalPosition, row.occurredAt, row.json);
  for (const row of b.facts) s.upsertFacts.run(b.generation, row.entityKey, row.kind, row.facts, row.lastPosition);
  for (const row of b.directoryEvents) s.insertDirectoryEvent.run(b.generation, row.eventId, row.globalPosition, row.json);
  s.updateCheckpoint.run(b.position, b.projection, b.generation);`;

/** The stored events of some entities up to a position, as `[key, events JSON]` pairs of the entities that have any. */
const EARLIER_SOURCE = `
  const earlier = [];
  for (const key of b.keys) {
    const events = s.earlierEntityEvents.pluck().all(b.generation, key, b.upTo);
    if (events.length > 0) earlier.push([key, events]);
  }
  return earlier;`;

type CheckpointClaim = Pick<FoldedBatch, 'projection' | 'generation' | 'expectedPosition'>;
/** Which entities' earlier events to read: those of `keys` in `generation`, up to position `upTo`. */
export interface EarlierEventsRead {
  generation: number;
  keys: readonly string[];
  upTo: number;
}
export const checkpointConflict = new Function('s', 'b', CHECK_SOURCE) as (s: BatchStatements, b: CheckpointClaim) => string | null;
export const writeFoldedBatch = new Function('s', 'b', WRITE_SOURCE) as (s: BatchStatements, b: FoldedBatch) => void;
export const readEarlierEvents = new Function('s', 'b', EARLIER_SOURCE) as (s: BatchStatements, b: EarlierEventsRead) => [string, string[]][];

/**
 * Entity events a rebuild writes per transaction: a COMMIT writes every page its rows touched, and
 * the batches' events land all over the primary key's index, so committing several batches at
 * once writes each index page fewer times (bench, 1,000,000 events in batches of 5,000: inserts
 * and COMMITs 7.3 → 5.2 s, the WAL 2.9 → 1.9 GB and the final checkpoint 3.6 → 1.8 s).
 */
const EVENTS_PER_TRANSACTION = 20_000;

/**
 * The writer thread: its own connection to the file, and one `BEGIN IMMEDIATE` transaction that
 * takes batches until it holds `eventsPerTransaction` entity events, then commits after a batch's
 * checkpoint. A batch comes in two requests: its entity events (at once: they depend on nothing
 * earlier, and the thread writes them while the projector folds the batch before), then the rest
 * with its checkpoint. An entity's earlier events are read on this connection too: they may be in
 * the open transaction. A failure, or a batch refused, rolls the transaction back and ends the
 * thread's work: the batches written since the last COMMIT are lost, every later request fails,
 * and the rebuild with them.
 */
const WORKER_SOURCE = `
  const { parentPort, workerData } = require('node:worker_threads');
  const Database = require(workerData.driver);
  const db = new Database(workerData.filename, { timeout: workerData.timeoutMs });
  for (const pragma of workerData.pragmas) db.pragma(pragma);
  const s = {};
  for (const name of Object.keys(workerData.sql)) s[name] = db.prepare(workerData.sql[name]);
  const check = new Function('s', 'b', workerData.check);
  const write = new Function('s', 'b', workerData.write);
  const readEarlier = new Function('s', 'b', workerData.earlier);
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  let eventsInTransaction = 0;
  let failure = null;
  const handlers = {
    events(request) {
      inTransaction();
      for (const row of request.rows) s.insertEntityEvent.run(request.generation, row.entityKey, row.eventId, row.globalPosition, row.occurredAt, row.json);
      eventsInTransaction += request.rows.length;
      return {};
    },
    read(request) {
      return { earlier: readEarlier(s, request) };
    },
    write(request) {
      inTransaction();
      const conflict = check(s, request.batch);
      if (conflict !== null) {
        fail('a batch was refused: ' + conflict);
        return { conflict };
      }
      write(s, request.batch);
      if (eventsInTransaction >= workerData.eventsPerTransaction) flush();
      return { conflict: null };
    },
    close() {
      flush();
      return {};
    },
  };
  function inTransaction() {
    if (!db.inTransaction) begin.run();
  }
  function flush() {
    if (db.inTransaction) commit.run();
    eventsInTransaction = 0;
  }
  function fail(reason) {
    failure = reason;
    if (db.inTransaction) db.prepare('ROLLBACK').run();
  }
  parentPort.on('message', (request) => {
    // Closing after a failure has nothing to commit: the failure was answered to the request that met it.
    let reply = request.kind === 'close' && failure !== null ? {} : undefined;
    if (failure === null) {
      try {
        reply = handlers[request.kind](request);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    }
    parentPort.postMessage(reply ?? { error: failure });
    if (request.kind === 'close') {
      db.close();
      parentPort.close();
    }
  });`;

type Request =
  | { kind: 'events'; generation: number; rows: readonly EntityEventRow[] }
  | ({ kind: 'read' } & EarlierEventsRead)
  | { kind: 'write'; batch: FoldedBatch }
  | { kind: 'close' };
type Reply = { error: string } | { earlier: [string, string[]][] } | { conflict: string | null } | Record<string, never>;

/**
 * Writes a rebuild's batches on a thread of its own, with a connection of its own to the
 * read-model file: better-sqlite3 is synchronous, so on the projector's thread the inserts and the
 * COMMIT (half of a rebuild's time) stopped everything else; here the next batch is read and
 * folded meanwhile. Requests are answered one at a time, in the order given. A written batch is
 * durable once the thread commits (with later batches, or at `close`), which is what a rebuild
 * needs: a rebuild that fails is dropped whole.
 */
export class SqliteBatchWriter {
  private readonly worker: Worker;
  /** Replies awaited, oldest first (the thread answers in order). */
  private readonly waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  /** `pragmas` set the connection up like the one it writes beside (synchronous level, cache, checkpoints). */
  constructor(filename: string, pragmas: readonly string[], timeoutMs: number) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        filename,
        pragmas,
        timeoutMs,
        eventsPerTransaction: EVENTS_PER_TRANSACTION,
        sql: BATCH_SQL,
        check: CHECK_SOURCE,
        write: WRITE_SOURCE,
        earlier: EARLIER_SOURCE,
      },
    });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.shift();
      if ('error' in reply) waiter?.reject(new Error(`the SQLite writer thread failed, the rebuild's uncommitted batches are lost: ${reply.error}`));
      else waiter?.resolve(reply);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the SQLite writer thread exited (code ${code})`)));
  }

  /** Writes a batch's entity events, ahead of its checkpoint (`write`), in the writer's open transaction. */
  async writeEvents(generation: number, rows: readonly EntityEventRow[]): Promise<void> {
    await this.request({ kind: 'events', generation, rows });
  }

  /** The stored events (JSON) of the entities up to a position, the batches written before included. */
  async earlierEvents(read: EarlierEventsRead): Promise<Map<string, string[]>> {
    const reply = (await this.request({ kind: 'read', ...read })) as { earlier: [string, string[]][] };
    return new Map(reply.earlier);
  }

  /** Writes the rest of a batch and its checkpoint: resolves null, or with why it was refused; rejects if the transaction failed. */
  async write(batch: FoldedBatch): Promise<string | null> {
    return ((await this.request({ kind: 'write', batch })) as { conflict: string | null }).conflict;
  }

  /** Commits what was written (not the last connection on the file: no checkpoint) and ends the thread. */
  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    await this.request({ kind: 'close' });
    await exited;
  }

  private request(request: Request): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(request);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }
}
