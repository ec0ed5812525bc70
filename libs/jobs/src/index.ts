/**
 * Background jobs (`@tandem/jobs`): one port, two adapters with the same behaviour.
 *
 *   const jobs: Jobs = infrastructure.jobs;          // BullMqJobs (distributed) or InProcessJobs (embedded)
 *   const queue = jobs.queue<NotifyJobs>('notify');  // NotifyJobs: { [job name]: payload type }
 *   await queue.enqueue('slack.post', payload, { id: jobId('kudos', eventId, 'slack') }); // idempotent
 *   await queue.work({ 'slack.post': async (payload, { attempt, signal }) => { ... } });
 *
 * - Idempotent ids: a known id is not enqueued again (kept 30 days after completion by default).
 * - Retries: `attempts` (default 5) with exponential backoff (`backoffMs` × 2^(n-1), default 1 s).
 * - `UnrecoverableError` from a handler: no retry, straight to the dead letters.
 * - Dead letters: kept and listed by `deadLetters()`; `tandem_jobs_dead_letters{queue}` and
 *   `tandem_jobs_total{queue,job,outcome}` in Prometheus.
 * - Repeatable jobs: `schedule({ id, cron, timezone }, name, payload)`, one per id across processes.
 * - Graceful shutdown: `worker.stop()` / `jobs.close()` let running jobs finish within
 *   `shutdownTimeoutMs`, then give them back to the queue (their `signal` is aborted).
 */
export * from './job-queue.port';
export { UnrecoverableError, isUnrecoverable } from './unrecoverable-error';
export { InvalidJobIdError, jobId } from './job-id';
export { InvalidScheduleError, nextFireTime } from './cron';
export { BullMqJobs, type BullMqJobsOptions } from './bullmq/bullmq-jobs';
export { InProcessJobs, type InProcessJobsOptions } from './in-process/in-process-jobs';
