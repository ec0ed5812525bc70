import { Counter, Gauge, type Registry } from 'prom-client';

export type JobOutcome = 'completed' | 'retried' | 'dead_lettered' | 'released';

/**
 * `tandem_jobs_total{queue,job,outcome}` counts finished tries; `tandem_jobs_dead_letters{queue}`
 * is the size of each queue's dead-letter list, read from the backend at scrape time (so it also
 * counts dead letters left by other processes and earlier runs).
 */
export class JobMetrics {
  private readonly outcomes?: Counter<'queue' | 'job' | 'outcome'>;
  private readonly deadLetterCounters = new Map<string, () => Promise<number>>();

  constructor(registry?: Registry) {
    if (!registry) return;
    this.outcomes =
      (registry.getSingleMetric('tandem_jobs_total') as Counter<'queue' | 'job' | 'outcome'> | undefined) ??
      new Counter({
        name: 'tandem_jobs_total',
        help: 'Background job tries by queue, job name and outcome (completed, retried, dead_lettered, released at shutdown).',
        labelNames: ['queue', 'job', 'outcome'],
        registers: [registry],
      });
    if (registry.getSingleMetric('tandem_jobs_dead_letters')) return;
    const counters = this.deadLetterCounters;
    new Gauge({
      name: 'tandem_jobs_dead_letters',
      help: 'Jobs that failed for good and are kept for inspection, by queue.',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const [queue, count] of counters) this.set({ queue }, await count());
      },
    });
  }

  record(queue: string, job: string, outcome: JobOutcome): void {
    this.outcomes?.inc({ queue, job, outcome });
  }

  /** Registers how to count a queue's dead letters (once per queue). */
  watchDeadLetters(queue: string, count: () => Promise<number>): void {
    if (!this.deadLetterCounters.has(queue)) this.deadLetterCounters.set(queue, count);
  }
}
