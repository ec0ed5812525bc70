/**
 * The jobs port: named queues of typed background jobs, with idempotent ids, retries with
 * exponential backoff, a dead-letter list, repeatable (cron) jobs and graceful shutdown.
 * Adapters: BullMQ on Redis (distributed mode) and an in-process scheduler backed by SQLite
 * (embedded mode). Both pass the same contract suite (`contract/jobs.contract.ts`).
 *
 * A queue's job types are a map from job name to payload type, e.g.
 *   interface NotifyJobs { 'slack.post': { channel: string; text: string } }
 *   const queue = jobs.queue<NotifyJobs>('notify');
 *   await queue.enqueue('slack.post', { channel: 'C1', text: 'Kudos!' }, { id: 'kudos-42-slack' });
 * Payloads and results travel as JSON: use plain objects, strings and numbers (no Dates).
 */

/** The payload type of each job name of a queue. */
export type JobTypes<J> = { [N in keyof J]: object };

/** Per job; unset values come from the queue's defaults. */
export interface JobOptions {
  /**
   * Idempotence key: a second enqueue with an id that is still known (waiting, delayed, running,
   * completed within `keepCompletedForMs`, or dead) does nothing and returns the same id. Build
   * it from what makes the job unique (`report-week-2026-11-23-all`) with `jobId()`. Default: random.
   */
  id?: string;
  /** Tries in all, the first included. */
  attempts?: number;
  /** Retry n waits `backoffMs * 2^(n-1)`: 1 s, 2 s, 4 s… with the default. */
  backoffMs?: number;
  /** Runs no earlier than this many milliseconds from now. */
  delayMs?: number;
}

export interface QueueDefaults {
  /** Default 5. */
  attempts?: number;
  /** Default 1,000 ms. */
  backoffMs?: number;
  /** How long a completed job (and so its id) is kept; default 30 days. Dead letters are kept until removed. */
  keepCompletedForMs?: number;
}

/** `delayed`: waiting for its start time (a delay, a retry's backoff or a schedule). `dead`: failed for good. */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'dead';

export interface JobInfo<J = Record<string, object>> {
  id: string;
  name: keyof J & string;
  payload: J[keyof J];
  state: JobState;
  /** Finished tries that failed (a try released at shutdown does not count). */
  failedAttempts: number;
  /** The handler's return value once completed. */
  result?: unknown;
  /** The last failure's message. */
  error?: string;
  createdAt: Date;
  finishedAt?: Date;
}

export interface JobContext {
  id: string;
  name: string;
  /** 1 for the first try. */
  attempt: number;
  /** Aborted when the worker stops and gives this job back to the queue (shutdown timeout). */
  signal: AbortSignal;
}

/**
 * Does the work; its resolved value (JSON) is kept as the job's result. Throwing retries the job
 * with backoff; throwing `UnrecoverableError` (bad input) sends it to the dead letters at once.
 * An error with a numeric `retryAfterMs` (a vendor's Retry-After) waits at least that long.
 */
export type JobHandler<P, R = unknown> = (payload: P, context: JobContext) => Promise<R>;

export type JobHandlers<J> = { [N in keyof J]: JobHandler<J[N]> };

/** A repeatable job: `name` with `payload` enqueued at every fire time of `cron` in `timezone`. */
export interface JobSchedule {
  /** One schedule per id, however many processes declare it: re-declaring replaces it. */
  id: string;
  /** Five fields (minute precision) or six (leading seconds), cron-parser syntax. */
  cron: string;
  /** IANA zone, e.g. `Europe/Paris`: "08:00 on Mondays" follows daylight saving time. */
  timezone: string;
}

export interface WorkOptions {
  /** Jobs of this queue run at the same time by this worker. Default 1. */
  concurrency?: number;
}

export interface JobWorker {
  /**
   * Takes no new job, waits for the running ones (up to the backend's `shutdownTimeoutMs`), then
   * gives the still-running ones back to the queue (their signal is aborted) for another worker.
   */
  stop(): Promise<void>;
}

export interface JobQueue<J extends JobTypes<J>> {
  readonly name: string;
  /** Resolves with the job's id once it is durably stored; see `JobOptions.id` for idempotence. */
  enqueue<N extends keyof J & string>(name: N, payload: J[N], options?: JobOptions): Promise<string>;
  /** Creates or replaces a repeatable job (a fire missed while nothing ran fires once on start). */
  schedule<N extends keyof J & string>(schedule: JobSchedule, name: N, payload: J[N]): Promise<void>;
  /** Removes a repeatable job and its next, not yet started, run. */
  unschedule(scheduleId: string): Promise<void>;
  schedules(): Promise<JobSchedule[]>;
  get(id: string): Promise<JobInfo<J> | undefined>;
  /** Jobs that failed for good, newest first. */
  deadLetters(limit?: number): Promise<JobInfo<J>[]>;
  /** Starts processing this queue's jobs in this process (every name needs a handler). */
  work(handlers: JobHandlers<J>, options?: WorkOptions): Promise<JobWorker>;
}

/** One backend (Redis or SQLite), many named queues. */
export interface Jobs {
  queue<J extends JobTypes<J>>(name: string, defaults?: QueueDefaults): JobQueue<J>;
  /** Stops every worker gracefully (see `JobWorker.stop`), then closes the connections. */
  close(): Promise<void>;
}

export const JOB_DEFAULTS = {
  attempts: 5,
  backoffMs: 1_000,
  keepCompletedForMs: 30 * 24 * 3_600_000,
  shutdownTimeoutMs: 10_000,
} as const;
