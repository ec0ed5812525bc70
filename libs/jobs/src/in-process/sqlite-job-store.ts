import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { nextFireTime } from '../cron';
import type { JobInfo, JobSchedule, JobState } from '../job-queue.port';

/** A job as stored: `waiting` rows whose `run_at` is in the future are reported as `delayed`. */
interface JobRow {
  queue: string;
  id: string;
  name: string;
  payload: string;
  state: 'waiting' | 'active' | 'completed' | 'dead';
  run_at: number;
  failed_attempts: number;
  max_attempts: number;
  backoff_ms: number;
  keep_ms: number;
  schedule_id: string | null;
  lease: string | null;
  result: string | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

interface ScheduleRow {
  queue: string;
  id: string;
  cron: string;
  timezone: string;
  name: string;
  payload: string;
  max_attempts: number;
  backoff_ms: number;
  keep_ms: number;
}

export interface ClaimedJob {
  id: string;
  name: string;
  payload: object;
  lease: string;
  failedAttempts: number;
  maxAttempts: number;
  backoffMs: number;
}

export interface NewJob {
  id: string;
  name: string;
  payload: object;
  runAt: number;
  maxAttempts: number;
  backoffMs: number;
  keepMs: number;
}

/**
 * The embedded scheduler's durable state in one SQLite file (WAL, synchronous=FULL: an enqueue
 * that resolved survives a crash). Jobs are keyed by (queue, id), so an id is enqueued once.
 * A repeatable job is stored as its schedule plus its next run, a delayed job; claiming that run
 * enqueues the one after (BullMQ's model), so a fire missed while nothing ran fires once on start.
 */
export class SqliteJobStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS jobs (
        queue TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, payload TEXT NOT NULL,
        state TEXT NOT NULL, run_at INTEGER NOT NULL, failed_attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL, backoff_ms INTEGER NOT NULL, keep_ms INTEGER NOT NULL,
        schedule_id TEXT, lease TEXT, result TEXT, error TEXT,
        created_at INTEGER NOT NULL, finished_at INTEGER,
        PRIMARY KEY (queue, id)
      );
      CREATE INDEX IF NOT EXISTS jobs_due ON jobs (queue, state, run_at);
      CREATE TABLE IF NOT EXISTS job_schedules (
        queue TEXT NOT NULL, id TEXT NOT NULL, cron TEXT NOT NULL, timezone TEXT NOT NULL,
        name TEXT NOT NULL, payload TEXT NOT NULL,
        max_attempts INTEGER NOT NULL, backoff_ms INTEGER NOT NULL, keep_ms INTEGER NOT NULL,
        PRIMARY KEY (queue, id)
      );
    `);
  }

  /** Runs left `active` by a process that died: nobody is working on them any more. */
  releaseOrphans(): void {
    this.db.prepare(`UPDATE jobs SET state = 'waiting', lease = NULL WHERE state = 'active'`).run();
  }

  insert(queue: string, job: NewJob, scheduleId: string | null = null, now = Date.now()): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO jobs (queue, id, name, payload, state, run_at, max_attempts, backoff_ms, keep_ms, schedule_id, created_at)
         VALUES (?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?)`,
      )
      .run(queue, job.id, job.name, JSON.stringify(job.payload), job.runAt, job.maxAttempts, job.backoffMs, job.keepMs, scheduleId, now);
  }

  /** Takes the next due job of the queue, and for a scheduled run enqueues the schedule's next one. */
  claim(queue: string, now = Date.now()): ClaimedJob | undefined {
    return this.db.transaction((): ClaimedJob | undefined => {
      const row = this.db
        .prepare(`SELECT * FROM jobs WHERE queue = ? AND state = 'waiting' AND run_at <= ? ORDER BY run_at, rowid LIMIT 1`)
        .get(queue, now) as JobRow | undefined;
      if (!row) return undefined;
      const lease = randomUUID();
      this.db.prepare(`UPDATE jobs SET state = 'active', lease = ? WHERE queue = ? AND id = ?`).run(lease, queue, row.id);
      if (row.schedule_id !== null) {
        const schedule = this.db.prepare(`SELECT * FROM job_schedules WHERE queue = ? AND id = ?`).get(queue, row.schedule_id) as ScheduleRow | undefined;
        if (schedule) this.insertNextRun(schedule, Math.max(now, row.run_at), now);
      }
      return {
        id: row.id,
        name: row.name,
        payload: JSON.parse(row.payload) as object,
        lease,
        failedAttempts: row.failed_attempts,
        maxAttempts: row.max_attempts,
        backoffMs: row.backoff_ms,
      };
    })();
  }

  /** When the next waiting job of the queue is due (epoch ms), if any. */
  nextDue(queue: string): number | undefined {
    const row = this.db.prepare(`SELECT MIN(run_at) AS due FROM jobs WHERE queue = ? AND state = 'waiting'`).get(queue) as { due: number | null };
    return row.due ?? undefined;
  }

  /** The outcome of a try; ignored (false) when the run was meanwhile released to another worker. */
  complete(queue: string, id: string, lease: string, result: unknown, now = Date.now()): boolean {
    const { changes } = this.db
      .prepare(`UPDATE jobs SET state = 'completed', lease = NULL, result = ?, finished_at = ? WHERE queue = ? AND id = ? AND lease = ?`)
      .run(result === undefined ? null : JSON.stringify(result), now, queue, id, lease);
    return changes === 1;
  }

  retryLater(queue: string, id: string, lease: string, error: string, runAt: number): boolean {
    const { changes } = this.db
      .prepare(
        `UPDATE jobs SET state = 'waiting', lease = NULL, failed_attempts = failed_attempts + 1, error = ?, run_at = ?
         WHERE queue = ? AND id = ? AND lease = ?`,
      )
      .run(error, runAt, queue, id, lease);
    return changes === 1;
  }

  deadLetter(queue: string, id: string, lease: string, error: string, now = Date.now()): boolean {
    const { changes } = this.db
      .prepare(
        `UPDATE jobs SET state = 'dead', lease = NULL, failed_attempts = failed_attempts + 1, error = ?, finished_at = ?
         WHERE queue = ? AND id = ? AND lease = ?`,
      )
      .run(error, now, queue, id, lease);
    return changes === 1;
  }

  /** Gives a running job back (shutdown): due now, the try not counted as failed. */
  release(queue: string, id: string, lease: string, now = Date.now()): boolean {
    const { changes } = this.db
      .prepare(`UPDATE jobs SET state = 'waiting', lease = NULL, run_at = ? WHERE queue = ? AND id = ? AND lease = ?`)
      .run(now, queue, id, lease);
    return changes === 1;
  }

  /** Forgets completed jobs past their retention (their ids may then be enqueued again). */
  purgeCompleted(queue: string, now = Date.now()): void {
    this.db.prepare(`DELETE FROM jobs WHERE queue = ? AND state = 'completed' AND finished_at + keep_ms < ?`).run(queue, now);
  }

  get(queue: string, id: string, now = Date.now()): JobInfo | undefined {
    const row = this.db.prepare(`SELECT * FROM jobs WHERE queue = ? AND id = ?`).get(queue, id) as JobRow | undefined;
    return row && infoOf(row, now);
  }

  deadLetters(queue: string, limit: number, now = Date.now()): JobInfo[] {
    const rows = this.db
      .prepare(`SELECT * FROM jobs WHERE queue = ? AND state = 'dead' ORDER BY finished_at DESC, rowid DESC LIMIT ?`)
      .all(queue, limit) as JobRow[];
    return rows.map((row) => infoOf(row, now));
  }

  countDeadLetters(queue: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE queue = ? AND state = 'dead'`).get(queue) as { n: number }).n;
  }

  upsertSchedule(
    queue: string,
    schedule: JobSchedule,
    job: { name: string; payload: object; maxAttempts: number; backoffMs: number; keepMs: number },
    now = Date.now(),
  ): void {
    const row: ScheduleRow = {
      queue,
      id: schedule.id,
      cron: schedule.cron,
      timezone: schedule.timezone,
      name: job.name,
      payload: JSON.stringify(job.payload),
      max_attempts: job.maxAttempts,
      backoff_ms: job.backoffMs,
      keep_ms: job.keepMs,
    };
    this.db.transaction(() => {
      const existing = this.db.prepare(`SELECT * FROM job_schedules WHERE queue = ? AND id = ?`).get(queue, schedule.id) as ScheduleRow | undefined;
      const unchanged = existing && (Object.keys(row) as (keyof ScheduleRow)[]).every((key) => existing[key] === row[key]);
      if (unchanged) return;
      this.deletePendingRuns(queue, schedule.id);
      this.db
        .prepare(
          `INSERT OR REPLACE INTO job_schedules (queue, id, cron, timezone, name, payload, max_attempts, backoff_ms, keep_ms)
           VALUES (@queue, @id, @cron, @timezone, @name, @payload, @max_attempts, @backoff_ms, @keep_ms)`,
        )
        .run(row);
      this.insertNextRun(row, now, now);
    })();
  }

  removeSchedule(queue: string, id: string): void {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM job_schedules WHERE queue = ? AND id = ?`).run(queue, id);
      this.deletePendingRuns(queue, id);
    })();
  }

  schedules(queue: string): JobSchedule[] {
    const rows = this.db.prepare(`SELECT id, cron, timezone FROM job_schedules WHERE queue = ? ORDER BY id`).all(queue) as ScheduleRow[];
    return rows.map(({ id, cron, timezone }) => ({ id, cron, timezone }));
  }

  close(): void {
    this.db.close();
  }

  private insertNextRun(schedule: ScheduleRow, afterMs: number, now: number): void {
    const runAt = nextFireTime(schedule, afterMs);
    this.insert(
      schedule.queue,
      {
        id: `repeat-${schedule.id}-${runAt}`,
        name: schedule.name,
        payload: JSON.parse(schedule.payload) as object,
        runAt,
        maxAttempts: schedule.max_attempts,
        backoffMs: schedule.backoff_ms,
        keepMs: schedule.keep_ms,
      },
      schedule.id,
      now,
    );
  }

  private deletePendingRuns(queue: string, scheduleId: string): void {
    this.db.prepare(`DELETE FROM jobs WHERE queue = ? AND schedule_id = ? AND state = 'waiting' AND failed_attempts = 0`).run(queue, scheduleId);
  }
}

function infoOf(row: JobRow, now: number): JobInfo {
  const state: JobState = row.state === 'waiting' && row.run_at > now ? 'delayed' : row.state;
  return {
    id: row.id,
    name: row.name,
    payload: JSON.parse(row.payload) as object,
    state,
    failedAttempts: row.failed_attempts,
    ...(row.result !== null && { result: JSON.parse(row.result) as unknown }),
    ...(row.error !== null && { error: row.error }),
    createdAt: new Date(row.created_at),
    ...(row.finished_at !== null && { finishedAt: new Date(row.finished_at) }),
  };
}
