import { Job, Queue, UnrecoverableError as BullUnrecoverableError, WaitingError, Worker, type JobsOptions } from 'bullmq';
import IORedis from 'ioredis';
import type { Registry } from 'prom-client';
import type { Logger } from '@tandem/observability';
import { checkSchedule } from '../cron';
import { checkJobId, randomJobId } from '../job-id';
import { JobMetrics } from '../job-metrics';
import type { JobHandlers, JobInfo, JobOptions, JobQueue, Jobs, JobSchedule, JobState, JobTypes, JobWorker, QueueDefaults, WorkOptions } from '../job-queue.port';
import { JOB_DEFAULTS } from '../job-queue.port';
import { resolveJobOptions, resolveQueueDefaults, retryDelayMs, type ResolvedQueueDefaults } from '../retry-policy';
import { asError, isUnrecoverable } from '../unrecoverable-error';

export interface BullMqJobsOptions {
  /** `redis://` or `rediss://` URL. */
  url: string;
  /** Redis key prefix of every queue; lets several Tandems (or tests) share one Redis. Default `tandem`. */
  prefix?: string;
  metrics?: Registry;
  logger?: Logger;
  /** How long a stopping worker waits for running jobs before giving them back. Default 10 s. */
  shutdownTimeoutMs?: number;
}

/**
 * The distributed mode's jobs: BullMQ queues on Redis. Any number of processes may enqueue, work
 * and declare the same schedules: ids (and BullMQ's job schedulers) keep one job per id.
 */
export class BullMqJobs implements Jobs {
  private readonly metrics: JobMetrics;
  private readonly queues = new Map<string, BullMqJobQueue<never>>();
  private readonly workers = new Set<BullMqWorker>();
  private readonly connections: IORedis[] = [];
  private closed = false;

  constructor(private readonly options: BullMqJobsOptions) {
    this.metrics = new JobMetrics(options.metrics);
  }

  queue<J extends JobTypes<J>>(name: string, defaults?: QueueDefaults): JobQueue<J> {
    checkJobId(name);
    if (this.closed) throw new Error('The job queues are closed');
    const existing = this.queues.get(name);
    if (existing) return existing as unknown as JobQueue<J>;
    const queue = new Queue(name, { connection: this.connect({ failFast: true }), prefix: this.prefix });
    queue.on('error', (error) => this.options.logger?.warn({ err: error, queue: name }, 'job queue connection error'));
    const created = new BullMqJobQueue<J>(queue, resolveQueueDefaults(defaults), this);
    this.queues.set(name, created as unknown as BullMqJobQueue<never>);
    this.metrics.watchDeadLetters(name, () => queue.getFailedCount());
    return created;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers].map((worker) => worker.stop()));
    await Promise.all([...this.queues.values()].map((queue) => queue.bull.close()));
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }

  /** @internal */
  get prefix(): string {
    return this.options.prefix ?? 'tandem';
  }

  /** @internal */
  startWorker(queueName: string, handlers: Record<string, (payload: object, context: never) => Promise<unknown>>, options: WorkOptions): BullMqWorker {
    const worker = new BullMqWorker(queueName, handlers, options, {
      // Workers block on Redis and must wait out an outage rather than fail commands.
      connection: this.connect({ failFast: false }),
      prefix: this.prefix,
      metrics: this.metrics,
      logger: this.options.logger,
      shutdownTimeoutMs: this.options.shutdownTimeoutMs ?? JOB_DEFAULTS.shutdownTimeoutMs,
      onStopped: () => this.workers.delete(worker),
    });
    this.workers.add(worker);
    return worker;
  }

  /** Producers fail a command after a few reconnection tries (the API answers an error); workers wait. */
  private connect({ failFast }: { failFast: boolean }): IORedis {
    const connection = new IORedis(this.options.url, { maxRetriesPerRequest: failFast ? 3 : null, lazyConnect: false });
    connection.on('error', () => undefined); // reported by BullMQ's own 'error' events; unheard, it would crash the process
    this.connections.push(connection);
    return connection;
  }
}

class BullMqJobQueue<J extends JobTypes<J>> implements JobQueue<J> {
  constructor(
    readonly bull: Queue,
    private readonly defaults: ResolvedQueueDefaults,
    private readonly jobs: BullMqJobs,
  ) {}

  get name(): string {
    return this.bull.name;
  }

  async enqueue<N extends keyof J & string>(name: N, payload: J[N], options?: JobOptions): Promise<string> {
    const id = options?.id === undefined ? randomJobId() : checkJobId(options.id);
    const resolved = resolveJobOptions(this.defaults, options);
    // A job whose id exists is left as it is (BullMQ's add is a no-op for a known custom id).
    await this.bull.add(name, payload, { ...this.bullOptions(resolved.attempts, resolved.backoffMs), jobId: id, delay: resolved.delayMs || undefined });
    return id;
  }

  async schedule<N extends keyof J & string>(schedule: JobSchedule, name: N, payload: J[N]): Promise<void> {
    checkSchedule(schedule);
    await this.bull.upsertJobScheduler(
      schedule.id,
      { pattern: schedule.cron, tz: schedule.timezone },
      { name, data: payload, opts: this.bullOptions(this.defaults.attempts, this.defaults.backoffMs) },
    );
  }

  async unschedule(scheduleId: string): Promise<void> {
    await this.bull.removeJobScheduler(scheduleId);
  }

  async schedules(): Promise<JobSchedule[]> {
    const schedulers = await this.bull.getJobSchedulers(0, -1, true);
    return schedulers
      .map((scheduler) => ({ id: scheduler.key, cron: scheduler.pattern ?? '', timezone: scheduler.tz ?? 'UTC' }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<JobInfo<J> | undefined> {
    const job = await this.bull.getJob(id);
    if (!job) return undefined;
    const state = await job.getState();
    return state === 'unknown' ? undefined : infoOf<J>(job, state);
  }

  async deadLetters(limit = 100): Promise<JobInfo<J>[]> {
    const jobs = (await this.bull.getFailed(0, limit - 1)).filter((job): job is Job => job !== undefined);
    return jobs.map((job) => infoOf<J>(job as Job, 'failed')).sort((a, b) => (b.finishedAt?.getTime() ?? 0) - (a.finishedAt?.getTime() ?? 0));
  }

  async work(handlers: JobHandlers<J>, options: WorkOptions = {}): Promise<JobWorker> {
    const worker = this.jobs.startWorker(this.name, handlers as never, options);
    await worker.ready();
    return worker;
  }

  private bullOptions(attempts: number, backoffMs: number): JobsOptions {
    return {
      attempts,
      backoff: { type: RETRY_BACKOFF, delay: backoffMs },
      removeOnComplete: { age: Math.ceil(this.defaults.keepCompletedForMs / 1000) },
      removeOnFail: false, // the dead letters
    };
  }
}

/** BullMQ's exponential backoff, stretched to a failure's `retryAfterMs` (see retryDelayMs). */
const RETRY_BACKOFF = 'tandem-retry';

interface WorkerSettings {
  connection: IORedis;
  prefix: string;
  metrics: JobMetrics;
  logger?: Logger;
  shutdownTimeoutMs: number;
  onStopped(): void;
}

interface Running {
  job: Job;
  token: string;
  abort: AbortController;
  released: boolean;
  done: Promise<unknown>;
}

const LOCK_DURATION_MS = 120_000;

class BullMqWorker implements JobWorker {
  private readonly worker: Worker;
  private readonly running = new Set<Running>();
  private stopped?: Promise<void>;

  constructor(
    private readonly queue: string,
    private readonly handlers: Record<string, (payload: object, context: never) => Promise<unknown>>,
    options: WorkOptions,
    private readonly settings: WorkerSettings,
  ) {
    this.worker = new Worker(queue, (job, token) => this.process(job, token ?? ''), {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency: options.concurrency ?? 1,
      // A job holds its lock while it runs; a report computes for seconds on end without yielding,
      // and a lock lost meanwhile (BullMQ's default is 30 s) would make it "stalled" and run twice.
      // The price: a crashed worker's job waits up to this long before another worker takes it.
      lockDuration: LOCK_DURATION_MS,
      settings: {
        backoffStrategy: (attemptsMade, _type, error, job) => {
          const backoff = job?.opts.backoff;
          return retryDelayMs(typeof backoff === 'object' ? (backoff.delay ?? 0) : (backoff ?? 0), attemptsMade, error);
        },
      },
    });
    this.worker.on('error', (error) => settings.logger?.warn({ err: error, queue }, 'job worker connection error'));
    this.worker.on('completed', (job) => settings.metrics.record(queue, job.name, 'completed'));
    this.worker.on('failed', (job, error) => {
      if (!job || error.name === 'WaitingError') return;
      // finishedOn is set only when BullMQ moved the job to the failed set (no retry left).
      const dead = job.finishedOn !== undefined;
      settings.metrics.record(queue, job.name, dead ? 'dead_lettered' : 'retried');
      const log = { err: error, queue, job: job.name, jobId: job.id, attempt: job.attemptsMade };
      if (dead) settings.logger?.error(log, 'job failed for good: kept in the dead letters');
      else settings.logger?.warn(log, 'job failed; retrying after a backoff');
    });
  }

  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async process(job: Job, token: string): Promise<unknown> {
    const handler = this.handlers[job.name];
    if (!handler) throw new BullUnrecoverableError(`No handler for job "${job.name}" in queue ${this.queue}`);
    const abort = new AbortController();
    const entry: Running = { job, token, abort, released: false, done: Promise.resolve() };
    const context = { id: job.id ?? '', name: job.name, attempt: job.attemptsMade + 1, signal: abort.signal };
    entry.done = handler(job.data as object, context as never);
    this.running.add(entry);
    try {
      const result = await entry.done;
      if (entry.released) throw new WaitingError();
      return result;
    } catch (thrown) {
      if (entry.released) throw new WaitingError();
      const error = asError(thrown);
      throw isUnrecoverable(error) ? new BullUnrecoverableError(error.message) : error;
    } finally {
      this.running.delete(entry);
    }
  }

  private async shutDown(): Promise<void> {
    const { shutdownTimeoutMs, metrics, logger, onStopped } = this.settings;
    await this.worker.pause(true); // no new job; the running ones go on
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, shutdownTimeoutMs)));
    await Promise.race([Promise.allSettled([...this.running].map((entry) => entry.done)), timedOut]);
    clearTimeout(timer);
    const stuck = [...this.running];
    for (const entry of stuck) {
      // Back to wait now rather than when its lock expires, so another worker takes it at once.
      entry.released = true;
      try {
        await entry.job.moveToWait(entry.token);
        metrics.record(this.queue, entry.job.name, 'released');
        logger?.warn({ queue: this.queue, job: entry.job.name, jobId: entry.job.id }, 'job still running at shutdown: given back to the queue');
      } catch (error) {
        logger?.warn({ err: error, jobId: entry.job.id }, 'could not give a running job back; it returns to the queue when its lock expires');
      }
      entry.abort.abort(new Error('worker stopping'));
    }
    await this.worker.close(stuck.length > 0);
    onStopped();
  }
}

function infoOf<J>(job: Job, bullState: string): JobInfo<J> {
  const state: JobState =
    bullState === 'failed' ? 'dead' : bullState === 'completed' ? 'completed' : bullState === 'active' ? 'active' : bullState === 'delayed' ? 'delayed' : 'waiting';
  // A try given back at shutdown (moveToWait) is not counted by BullMQ either.
  const failedAttempts = state === 'completed' ? Math.max(0, job.attemptsMade - 1) : job.attemptsMade;
  return {
    id: job.id ?? '',
    name: job.name as keyof J & string,
    payload: job.data as J[keyof J],
    state,
    failedAttempts,
    ...(state === 'completed' && job.returnvalue !== undefined && job.returnvalue !== null && { result: job.returnvalue as unknown }),
    ...(job.failedReason && { error: job.failedReason }),
    createdAt: new Date(job.timestamp),
    ...(job.finishedOn !== undefined && { finishedAt: new Date(job.finishedOn) }),
  };
}
