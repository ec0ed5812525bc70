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
} as const;

export type BatchStatements = { [Name in keyof typeof BATCH_SQL]: Database.Statement };

/**
 * The checkpoint check and the writes of a batch, as JavaScript source: the writer thread runs it
 * (it cannot load TypeScript) and so does the connection's own thread, so both write alike. Each is
 * the body of a function of the statements `s` and the batch `b`; the check returns why the batch
 * may not be written (the generation retired, or its checkpoint moved), or null.
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

type CheckpointClaim = Pick<FoldedBatch, 'projection' | 'generation' | 'expectedPosition'>;
export const checkpointConflict = new Function('s', 'b', CHECK_SOURCE) as (s: BatchStatements, b: CheckpointClaim) => string | null;
export const writeFoldedBatch = new Function('s', 'b', WRITE_SOURCE) as (s: BatchStatements, b: FoldedBatch) => void;

/** The writer thread: its own connection to the file, each batch one `BEGIN IMMEDIATE` transaction. */
const WORKER_SOURCE = `
  const { parentPort, workerData } = require('node:worker_threads');
  const Database = require(workerData.driver);
  const db = new Database(workerData.filename, { timeout: workerData.timeoutMs });
  for (const pragma of workerData.pragmas) db.pragma(pragma);
  const s = {};
  for (const name of Object.keys(workerData.sql)) s[name] = db.prepare(workerData.sql[name]);
  const check = new Function('s', 'b', workerData.check);
  const write = new Function('s', 'b', workerData.write);
  const commit = db.transaction((b) => {
    const conflict = check(s, b);
    if (conflict === null) write(s, b);
    return conflict;
  });
  parentPort.on('message', (message) => {
    if (message === 'close') {
      db.close();
      parentPort.close();
      return;
    }
    try {
      parentPort.postMessage({ conflict: commit.immediate(message) });
    } catch (error) {
      parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  });`;

type Reply = { conflict: string | null } | { error: string };

/**
 * Writes a rebuild's batches on a thread of its own, with a connection of its own to the
 * read-model file: better-sqlite3 is synchronous, so on the projector's thread the inserts and the
 * COMMIT (half of a rebuild's time) stopped everything else; here the next batch is read and
 * folded meanwhile. One batch at a time, in the order given; each reply says whether it was written.
 */
export class SqliteBatchWriter {
  private readonly worker: Worker;
  /** Replies awaited, oldest first (the thread answers in order). */
  private readonly waiting: { resolve: (conflict: string | null) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  /** `pragmas` set the connection up like the one it writes beside (synchronous level, cache, checkpoints). */
  constructor(filename: string, pragmas: readonly string[], timeoutMs: number) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), filename, pragmas, timeoutMs, sql: BATCH_SQL, check: CHECK_SOURCE, write: WRITE_SOURCE },
    });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.shift();
      if ('error' in reply) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.conflict);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the SQLite writer thread exited (code ${code})`)));
  }

  /** Resolves once the batch has committed (null), or with why nothing was written; rejects if the transaction failed. */
  write(batch: FoldedBatch): Promise<string | null> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(batch);
    });
  }

  /** Closes the thread's connection (not the last one on the file: no checkpoint) once the batches given have been written. */
  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    await exited;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }
}
