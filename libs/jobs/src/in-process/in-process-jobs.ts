import type { Registry } from 'prom-client';
import type { Logger } from '@tandem/observability';
import { checkSchedule } from '../cron';
import { checkJobId, randomJobId } from '../job-id';
import { JobMetrics } from '../job-metrics';
import type { JobHandlers, JobInfo, JobOptions, JobQueue, Jobs, JobSchedule, JobTypes, JobWorker, QueueDefaults, WorkOptions } from '../job-queue.port';
import { JOB_DEFAULTS } from '../job-queue.port';
import { resolveJobOptions, resolveQueueDefaults, type ResolvedQueueDefaults } from '../retry-policy';
import { InProcessWorker, type InProcessWorkerSettings } from './in-process-worker';
import { SqliteJobStore } from './sqlite-job-store';

export interface InProcessJobsOptions {
  /** The SQLite file (in the data folder); `:memory:` for a throwaway one. */
  path: string;
  metrics?: Registry;
  logger?: Logger;
  /** How long a stopping worker waits for running jobs before giving them back. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** The longest an idle worker sleeps before looking for due jobs again. Default 1 s. */
  pollIntervalMs?: number;
}

/**
 * The embedded mode's jobs: the same behaviour as BullMQ, in this process, durable in SQLite.
 * One working instance per data folder: its first worker takes back the runs a dead process left
 * active. The file is opened on first use, so a CLI command that never touches a queue leaves it alone.
 */
export class InProcessJobs implements Jobs {
  private opened?: SqliteJobStore;
  private orphansReleased = false;
  private readonly metrics: JobMetrics;
  private readonly workers = new Set<InProcessWorker>();
  /** Wakes this queue's idle workers when a job is enqueued here. */
  private readonly listeners = new Map<string, Set<() => void>>();
  private closed = false;

  constructor(private readonly options: InProcessJobsOptions) {
    this.metrics = new JobMetrics(options.metrics);
  }

  queue<J extends JobTypes<J>>(name: string, defaults?: QueueDefaults): JobQueue<J> {
    checkJobId(name);
    this.metrics.watchDeadLetters(name, async () => (this.closed ? 0 : this.store.countDeadLetters(name)));
    return new InProcessJobQueue<J>(name, resolveQueueDefaults(defaults), this);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers].map((worker) => worker.stop()));
    this.opened?.close();
  }

  private get store(): SqliteJobStore {
    if (this.closed) throw new Error('The job scheduler is closed');
    this.opened ??= new SqliteJobStore(this.options.path);
    return this.opened;
  }

  /** @internal the queues' access to the shared store and workers. */
  get internals() {
    return {
      store: this.store,
      notify: (queue: string) => this.listeners.get(queue)?.forEach((wake) => wake()),
      startWorker: (queue: string, handlers: InProcessWorkerSettings['handlers'], options: WorkOptions) => {
        if (!this.orphansReleased) {
          this.store.releaseOrphans();
          this.orphansReleased = true;
        }
        const worker = new InProcessWorker({
          queue,
          store: this.store,
          handlers,
          concurrency: options.concurrency ?? 1,
          shutdownTimeoutMs: this.options.shutdownTimeoutMs ?? JOB_DEFAULTS.shutdownTimeoutMs,
          pollIntervalMs: this.options.pollIntervalMs ?? 1_000,
          metrics: this.metrics,
          logger: this.options.logger,
          onStopped: () => {
            this.workers.delete(worker);
            this.listeners.get(queue)?.delete(wake);
          },
        });
        const wake = () => worker.wake();
        if (!this.listeners.has(queue)) this.listeners.set(queue, new Set());
        this.listeners.get(queue)!.add(wake);
        this.workers.add(worker);
        worker.start();
        return worker;
      },
    };
  }
}

class InProcessJobQueue<J extends JobTypes<J>> implements JobQueue<J> {
  constructor(
    readonly name: string,
    private readonly defaults: ResolvedQueueDefaults,
    private readonly jobs: InProcessJobs,
  ) {}

  async enqueue<N extends keyof J & string>(name: N, payload: J[N], options?: JobOptions): Promise<string> {
    const { store, notify } = this.jobs.internals;
    const id = options?.id === undefined ? randomJobId() : checkJobId(options.id);
    const resolved = resolveJobOptions(this.defaults, options);
    store.insert(this.name, {
      id,
      name,
      payload,
      runAt: Date.now() + resolved.delayMs,
      maxAttempts: resolved.attempts,
      backoffMs: resolved.backoffMs,
      keepMs: this.defaults.keepCompletedForMs,
    });
    notify(this.name);
    return id;
  }

  async schedule<N extends keyof J & string>(schedule: JobSchedule, name: N, payload: J[N]): Promise<void> {
    const { store, notify } = this.jobs.internals;
    checkSchedule(schedule);
    store.upsertSchedule(this.name, schedule, {
      name,
      payload,
      maxAttempts: this.defaults.attempts,
      backoffMs: this.defaults.backoffMs,
      keepMs: this.defaults.keepCompletedForMs,
    });
    notify(this.name);
  }

  async unschedule(scheduleId: string): Promise<void> {
    this.jobs.internals.store.removeSchedule(this.name, scheduleId);
  }

  async schedules(): Promise<JobSchedule[]> {
    return this.jobs.internals.store.schedules(this.name);
  }

  async get(id: string): Promise<JobInfo<J> | undefined> {
    return this.jobs.internals.store.get(this.name, id) as unknown as JobInfo<J> | undefined;
  }

  async deadLetters(limit = 100): Promise<JobInfo<J>[]> {
    return this.jobs.internals.store.deadLetters(this.name, limit) as unknown as JobInfo<J>[];
  }

  async work(handlers: JobHandlers<J>, options: WorkOptions = {}): Promise<JobWorker> {
    return this.jobs.internals.startWorker(this.name, handlers as never, options);
  }
}
