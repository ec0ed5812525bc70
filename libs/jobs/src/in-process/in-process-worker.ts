import type { Logger } from '@tandem/observability';
import type { JobMetrics } from '../job-metrics';
import type { JobContext, JobWorker } from '../job-queue.port';
import { retryDelayMs } from '../retry-policy';
import { asError, isUnrecoverable } from '../unrecoverable-error';
import type { ClaimedJob, SqliteJobStore } from './sqlite-job-store';

export interface InProcessWorkerSettings {
  queue: string;
  store: SqliteJobStore;
  handlers: Record<string, (payload: object, context: JobContext) => Promise<unknown>>;
  concurrency: number;
  shutdownTimeoutMs: number;
  pollIntervalMs: number;
  metrics: JobMetrics;
  logger?: Logger;
  onStopped(): void;
}

interface Running {
  job: ClaimedJob;
  abort: AbortController;
  done: Promise<void>;
}

/** Once a minute, completed jobs past their retention are forgotten. */
const PURGE_EVERY_MS = 60_000;

/**
 * Claims due jobs of one queue (up to `concurrency` at a time) and records each try's outcome.
 * Sleeps until the next due job, an enqueue in this process, or the poll interval.
 */
export class InProcessWorker implements JobWorker {
  private readonly running = new Map<string, Running>();
  private stopping = false;
  private stopped?: Promise<void>;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pendingWake = false;
  private lastPurge = 0;

  constructor(private readonly settings: InProcessWorkerSettings) {}

  start(): void {
    this.loop = this.run();
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async run(): Promise<void> {
    const { queue, store, concurrency, logger } = this.settings;
    while (!this.stopping) {
      try {
        if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
          store.purgeCompleted(queue);
          this.lastPurge = Date.now();
        }
        while (!this.stopping && this.running.size < concurrency) {
          const job = store.claim(queue);
          if (!job) break;
          this.begin(job);
        }
      } catch (error) {
        logger?.error({ err: error, queue }, 'job scheduler could not read its store; retrying');
      }
      await this.sleep();
    }
  }

  /** Until woken, the next due job, or the poll interval; a wake before the sleep is not lost. */
  private async sleep(): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return;
    }
    let waitMs = this.settings.pollIntervalMs;
    if (this.running.size < this.settings.concurrency) {
      try {
        const due = this.settings.store.nextDue(this.settings.queue);
        if (due !== undefined) waitMs = Math.min(waitMs, Math.max(0, due - Date.now()));
      } catch {
        // the loop reports store failures
      }
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = undefined;
    this.pendingWake = false;
  }

  private begin(job: ClaimedJob): void {
    const abort = new AbortController();
    const entry: Running = { job, abort, done: Promise.resolve() };
    entry.done = this.execute(job, abort.signal)
      // Only when the store itself failed (closed after a shutdown gave the job back): nothing left to record.
      .catch((error: unknown) => this.settings.logger?.warn({ err: error, jobId: job.id }, 'job outcome not recorded'))
      .finally(() => {
      this.running.delete(job.lease);
      this.wake();
    });
    this.running.set(job.lease, entry);
  }

  private async execute(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const { queue, store, handlers, metrics, logger } = this.settings;
    const context: JobContext = { id: job.id, name: job.name, attempt: job.failedAttempts + 1, signal };
    try {
      const handler = handlers[job.name];
      if (!handler) throw Object.assign(new Error(`No handler for job "${job.name}" in queue ${queue}`), { name: 'UnrecoverableError' });
      const result = await handler(job.payload, context);
      if (store.complete(queue, job.id, job.lease, result)) metrics.record(queue, job.name, 'completed');
    } catch (thrown) {
      const error = asError(thrown);
      const failedAttempts = job.failedAttempts + 1;
      if (isUnrecoverable(error) || failedAttempts >= job.maxAttempts) {
        if (store.deadLetter(queue, job.id, job.lease, error.message)) {
          metrics.record(queue, job.name, 'dead_lettered');
          logger?.error({ err: error, queue, job: job.name, jobId: job.id, attempt: context.attempt }, 'job failed for good: kept in the dead letters');
        }
      } else if (store.retryLater(queue, job.id, job.lease, error.message, Date.now() + retryDelayMs(job.backoffMs, failedAttempts, error))) {
        metrics.record(queue, job.name, 'retried');
        logger?.warn({ err: error, queue, job: job.name, jobId: job.id, attempt: context.attempt }, 'job failed; retrying after a backoff');
      }
    }
  }

  private async shutDown(): Promise<void> {
    const { queue, store, metrics, shutdownTimeoutMs, onStopped, logger } = this.settings;
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, shutdownTimeoutMs)));
    await Promise.race([Promise.all([...this.running.values()].map((entry) => entry.done)), timedOut]);
    clearTimeout(timer);
    for (const { job, abort } of this.running.values()) {
      // Released first, so the handler's late outcome (lease gone) is ignored.
      if (store.release(queue, job.id, job.lease)) {
        metrics.record(queue, job.name, 'released');
        logger?.warn({ queue, job: job.name, jobId: job.id }, 'job still running at shutdown: given back to the queue');
      }
      abort.abort(new Error('worker stopping'));
    }
    this.running.clear();
    onStopped();
  }
}
