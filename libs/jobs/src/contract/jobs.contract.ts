import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { expectEventually } from '@tandem/testing';
import { InvalidScheduleError } from '../cron';
import { InvalidJobIdError, jobId } from '../job-id';
import type { JobContext, JobQueue, Jobs } from '../job-queue.port';
import { UnrecoverableError } from '../unrecoverable-error';

export interface JobsContractFixture {
  /** A new backend; the suite closes it after each test. Queues of different tests must not meet. */
  createJobs(settings: { metrics: Registry; shutdownTimeoutMs: number }): Jobs;
}

interface TestJobs {
  echo: { text: string };
  /** `retryAfterMs`: carried by each failure, as a vendor's Retry-After. */
  flaky: { failTimes: number; retryAfterMs?: number };
  bad: { reason: string };
  slow: { label: string };
}

/** Real queues on a loaded machine: generous bounds, asserted eventually. */
const EVENTUALLY = { timeoutMs: 30_000, intervalMs: 50 };

export function uniqueQueueName(prefix = 'q'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

async function metricValue(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  const sample = metric?.values.find((value) => Object.entries(labels).every(([key, expected]) => value.labels[key] === expected));
  return sample?.value ?? 0;
}

/**
 * The behaviour every jobs adapter must have. Each adapter's int spec runs it against its real
 * backend (Redis, SQLite), so the distributed and embedded modes cannot drift apart.
 */
export function jobsContract(adapterName: string, fixture: JobsContractFixture): void {
  describe(`${adapterName} honours the jobs contract`, () => {
    let backends: Jobs[] = [];
    let metrics: Registry;

    beforeEach(() => {
      metrics = new Registry();
    });
    afterEach(async () => {
      await Promise.all(backends.map((backend) => backend.close()));
      backends = [];
    });

    function open(shutdownTimeoutMs = 5_000): Jobs {
      const backend = fixture.createJobs({ metrics, shutdownTimeoutMs });
      backends.push(backend);
      return backend;
    }

    /** A worker that records every try: name, payload, attempt and when it started. */
    async function recordingWorker(queue: JobQueue<TestJobs>, overrides: Partial<{ slow: (payload: { label: string }, context: JobContext) => Promise<unknown> }> = {}) {
      const tries: { name: string; id: string; attempt: number; at: number; payload: object }[] = [];
      const record = (name: string, payload: object, context: JobContext) => tries.push({ name, id: context.id, attempt: context.attempt, at: Date.now(), payload });
      const worker = await queue.work({
        echo: async (payload, context) => {
          record('echo', payload, context);
          return { echoed: payload.text };
        },
        flaky: async (payload, context) => {
          record('flaky', payload, context);
          if (context.attempt <= payload.failTimes) throw Object.assign(new Error(`failure ${context.attempt}`), payload.retryAfterMs === undefined ? {} : { retryAfterMs: payload.retryAfterMs });
          return { succeededOnAttempt: context.attempt };
        },
        bad: async (payload, context) => {
          record('bad', payload, context);
          throw new UnrecoverableError(`bad input: ${payload.reason}`);
        },
        slow:
          overrides.slow ??
          (async (payload, context) => {
            record('slow', payload, context);
            return payload.label;
          }),
      });
      return { tries, worker };
    }

    it('runs an enqueued job with its payload and keeps its result', async () => {
      const queue = open().queue<TestJobs>(uniqueQueueName());
      const { tries } = await recordingWorker(queue);
      const id = await queue.enqueue('echo', { text: 'hello' });

      await expectEventually(async () => expect((await queue.get(id))?.state).toBe('completed'), EVENTUALLY);
      const info = await queue.get(id);
      expect(info).toMatchObject({ id, name: 'echo', payload: { text: 'hello' }, state: 'completed', failedAttempts: 0, result: { echoed: 'hello' } });
      expect(info?.finishedAt).toBeInstanceOf(Date);
      expect(tries).toEqual([expect.objectContaining({ name: 'echo', id, attempt: 1, payload: { text: 'hello' } })]);
      expect(await metricValue(metrics, 'tandem_jobs_total', { queue: queue.name, job: 'echo', outcome: 'completed' })).toBe(1);
    });

    it('runs a job once per id, however many times and from however many processes it is enqueued', async () => {
      const name = uniqueQueueName();
      // Two backends on the same store stand for two schedulers firing at once.
      const first = open().queue<TestJobs>(name);
      const second = open().queue<TestJobs>(name);
      const id = jobId('report', 'week', '2026-11-23', 'all');
      expect(id).toBe('report-week-2026-11-23-all');
      const ids = await Promise.all([first.enqueue('echo', { text: 'a' }, { id }), second.enqueue('echo', { text: 'b' }, { id }), first.enqueue('echo', { text: 'c' }, { id })]);
      expect(ids).toEqual([id, id, id]);

      const { tries } = await recordingWorker(first);
      await expectEventually(async () => expect((await first.get(id))?.state).toBe('completed'), EVENTUALLY);
      // Enqueued again after it completed: still the same job, not run again.
      expect(await second.enqueue('echo', { text: 'd' }, { id })).toBe(id);
      const other = await first.enqueue('echo', { text: 'other' });
      await expectEventually(async () => expect((await first.get(other))?.state).toBe('completed'), EVENTUALLY);
      expect(tries.filter((attempt) => attempt.id === id)).toHaveLength(1);
      expect((await second.get(id))?.state).toBe('completed');
    });

    it('retries a failing job with exponential backoff until it succeeds', async () => {
      const queue = open().queue<TestJobs>(uniqueQueueName());
      const { tries } = await recordingWorker(queue);
      const id = await queue.enqueue('flaky', { failTimes: 2 }, { attempts: 4, backoffMs: 300 });

      await expectEventually(async () => expect((await queue.get(id))?.state).toBe('completed'), EVENTUALLY);
      expect(tries.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
      // Retry n waits backoff × 2^(n-1): at least 300 ms, then at least 600 ms.
      expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(300 - 20);
      expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(600 - 20);
      expect(await queue.get(id)).toMatchObject({ state: 'completed', failedAttempts: 2, result: { succeededOnAttempt: 3 } });
      expect(await metricValue(metrics, 'tandem_jobs_total', { queue: queue.name, job: 'flaky', outcome: 'retried' })).toBe(2);
    });

    it("waits at least a failure's retryAfterMs (a vendor's Retry-After) before the next try", async () => {
      const queue = open().queue<TestJobs>(uniqueQueueName());
      const { tries } = await recordingWorker(queue);
      const id = await queue.enqueue('flaky', { failTimes: 1, retryAfterMs: 1_500 }, { attempts: 3, backoffMs: 50 });

      await expectEventually(async () => expect((await queue.get(id))?.state).toBe('completed'), EVENTUALLY);
      expect(tries.map((attempt) => attempt.attempt)).toEqual([1, 2]);
      // The backoff alone would have retried after 50 ms.
      expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(1_500 - 20);
    });

    it('keeps a job that failed every try in the dead letters, counted in the metrics', async () => {
      const queue = open().queue<TestJobs>(uniqueQueueName());
      const { tries } = await recordingWorker(queue);
      const id = await queue.enqueue('flaky', { failTimes: 99 }, { attempts: 3, backoffMs: 50 });

      await expectEventually(async () => expect((await queue.get(id))?.state).toBe('dead'), EVENTUALLY);
      expect(tries.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
      expect(await queue.get(id)).toMatchObject({ state: 'dead', failedAttempts: 3, error: 'failure 3', payload: { failTimes: 99 } });
      expect((await queue.deadLetters()).map((job) => job.id)).toEqual([id]);
      expect(await metricValue(metrics, 'tandem_jobs_total', { queue: queue.name, job: 'flaky', outcome: 'dead_lettered' })).toBe(1);
      expect(await metricValue(metrics, 'tandem_jobs_dead_letters', { queue: queue.name })).toBe(1);
    });

    it('sends a job that throws UnrecoverableError to the dead letters without retrying', async () => {
      const queue = open().queue<TestJobs>(uniqueQueueName());
      const { tries } = await recordingWorker(queue);
      const id = await queue.enqueue('bad', { reason: 'unknown team' }, { attempts: 5, backoffMs: 50 });
      const after = await queue.enqueue('echo', { text: 'next' });

      await expectEventually(async () => expect((await queue.get(after))?.state).toBe('completed'), EVENTUALLY);
      await expectEventually(async () => expect((await queue.get(id))?.state).toBe('dead'), EVENTUALLY);
      expect(tries.filter((attempt) => attempt.name === 'bad')).toHaveLength(1);
      expect(await queue.get(id)).toMatchObject({ failedAttempts: 1, error: 'bad input: unknown team' });
      expect((await queue.deadLetters()).map((job) => job.name)).toEqual(['bad']);
    });

    it('refuses ids and schedules the backends cannot keep', async () => {
      const queue = open().queue<TestJobs>(uniqueQueueName());
      await expect(queue.enqueue('echo', { text: 'x' }, { id: 'has:colon' })).rejects.toBeInstanceOf(InvalidJobIdError);
      await expect(queue.enqueue('echo', { text: 'x' }, { id: '42' })).rejects.toBeInstanceOf(InvalidJobIdError);
      await expect(queue.schedule({ id: 'daily', cron: 'not a cron', timezone: 'UTC' }, 'echo', { text: 'x' })).rejects.toBeInstanceOf(InvalidScheduleError);
      await expect(queue.schedule({ id: 'daily', cron: '0 8 * * 1', timezone: 'Mars/Olympus' }, 'echo', { text: 'x' })).rejects.toBeInstanceOf(InvalidScheduleError);
      expect(await queue.schedules()).toEqual([]);
    });

    it('fires a repeatable job on its cron, once per fire time even when declared twice, until unscheduled', async () => {
      const name = uniqueQueueName();
      const queue = open().queue<TestJobs>(name);
      const schedule = { id: 'every-second', cron: '* * * * * *', timezone: 'Europe/Paris' };
      await queue.schedule(schedule, 'echo', { text: 'tick' });
      await open().queue<TestJobs>(name).schedule(schedule, 'echo', { text: 'tick' });
      expect(await queue.schedules()).toEqual([schedule]);

      const { tries } = await recordingWorker(queue);
      await expectEventually(() => expect(tries.length).toBeGreaterThanOrEqual(2), EVENTUALLY);
      expect(tries.every((attempt) => attempt.name === 'echo' && (attempt.payload as { text: string }).text === 'tick')).toBe(true);
      expect(new Set(tries.map((attempt) => attempt.id)).size).toBe(tries.length);

      await queue.unschedule(schedule.id);
      expect(await queue.schedules()).toEqual([]);
    });

    it('lets running jobs finish when a worker stops', async () => {
      const queue = open().queue<TestJobs>(uniqueQueueName());
      let started = false;
      let finish!: () => void;
      const { worker } = await recordingWorker(queue, {
        slow: async (payload) => {
          started = true;
          await new Promise<void>((resolve) => (finish = resolve));
          return payload.label;
        },
      });
      const id = await queue.enqueue('slow', { label: 'in flight' });
      await expectEventually(() => expect(started).toBe(true), EVENTUALLY);

      const stopping = worker.stop();
      setTimeout(() => finish(), 200);
      await stopping;
      expect(await queue.get(id)).toMatchObject({ state: 'completed', result: 'in flight' });
    });

    it('gives a job still running at the shutdown timeout back to the queue, for another worker', async () => {
      const name = uniqueQueueName();
      const stoppingBackend = open(500);
      const queue = stoppingBackend.queue<TestJobs>(name);
      let aborted = false;
      let started = false;
      const { worker } = await recordingWorker(queue, {
        slow: (_payload, context) =>
          new Promise((_resolve, reject) => {
            started = true;
            context.signal.addEventListener('abort', () => {
              aborted = true;
              reject(new Error('aborted'));
            });
          }),
      });
      const id = await queue.enqueue('slow', { label: 'stuck' });
      await expectEventually(() => expect(started).toBe(true), EVENTUALLY);

      await worker.stop();
      expect(aborted).toBe(true);
      expect((await queue.get(id))?.state).toBe('waiting');

      const next = open().queue<TestJobs>(name);
      const { tries } = await recordingWorker(next);
      await expectEventually(async () => expect((await next.get(id))?.state).toBe('completed'), EVENTUALLY);
      expect(await next.get(id)).toMatchObject({ result: 'stuck', failedAttempts: 0 });
      expect(tries.map((attempt) => attempt.attempt)).toEqual([1]);
      expect(await metricValue(metrics, 'tandem_jobs_total', { queue: name, job: 'slow', outcome: 'released' })).toBe(1);
    });
  });
}
