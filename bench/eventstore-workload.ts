import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { NewEvent } from '@tandem/contracts';
import type { BenchResult } from './bench-result';

/** The same workload for every store and its raw baseline. */
export const WORKLOAD = {
  batchedEvents: 100_000,
  batchSize: 1_000,
  singleAppends: 5_000,
  readPageSize: 1_000,
} as const;

/** A review-sized event (~400 bytes of JSON), like the ones the engine stores. */
export function benchEvent(index: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'PullRequestReviewed',
    data: {
      repository: 'tandem/engine',
      pullRequest: 1000 + (index % 500),
      reviewer: `user-${index % 97}`,
      author: `user-${index % 89}`,
      state: index % 3 === 0 ? 'approved' : 'commented',
      comments: index % 7,
      linesChanged: (index * 37) % 900,
    },
    metadata: {
      occurredAt: new Date(1_700_000_000_000 + index * 1000).toISOString(),
      source: 'github',
      sourceDeliveryId: randomUUID(),
      correlationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}

export function benchBatches(): NewEvent[][] {
  const { batchedEvents, batchSize } = WORKLOAD;
  return Array.from({ length: batchedEvents / batchSize }, (_, batch) =>
    Array.from({ length: batchSize }, (_, index) => benchEvent(batch * batchSize + index)),
  );
}

/** Runs step `index`; resolving to exactly `false` means "nothing left" (for paging). */
export type Step = (index: number) => Promise<unknown>;

export interface Timings {
  seconds: number;
  /** Milliseconds of each step, sorted. */
  latencies: number[];
}

/**
 * Times the store and its baseline step by step, alternating, so a change in machine load
 * (the machine is shared) hits both alike and the ratio stays meaningful.
 */
export async function alternate(steps: number, store: Step, baseline: Step): Promise<[Timings, Timings]> {
  const timings: [number[], number[]] = [[], []];
  const done = [false, false];
  for (let index = 0; index < steps && !(done[0] && done[1]); index++) {
    for (const [side, step] of [store, baseline].entries()) {
      if (done[side]) continue;
      const startedAt = performance.now();
      const more = await step(index);
      timings[side].push(performance.now() - startedAt);
      if (more === false) done[side] = true;
    }
  }
  return [summarise(timings[0]), summarise(timings[1])];
}

function summarise(latencies: number[]): Timings {
  return {
    seconds: latencies.reduce((sum, latency) => sum + latency, 0) / 1000,
    latencies: [...latencies].sort((left, right) => left - right),
  };
}

export function percentile(timings: Timings, fraction: number): number {
  return timings.latencies[Math.min(timings.latencies.length - 1, Math.floor(timings.latencies.length * fraction))];
}

export interface StoreFigures {
  batched: Timings;
  single: Timings;
  readAll: Timings;
}

/** The rows every store reports, each beside its baseline; `targets` holds the brief's targets. */
export function storeResults(
  store: string,
  measured: StoreFigures,
  baseline: StoreFigures,
  targets: { batched: string; single?: string; p99?: string; readAll: string },
): BenchResult[] {
  const { batchSize, batchedEvents, singleAppends, readPageSize } = WORKLOAD;
  const total = batchedEvents + singleAppends;
  const row = (name: string, unit: string, pick: (figures: StoreFigures) => number, target?: string): BenchResult => {
    const value = pick(measured);
    const base = pick(baseline);
    return { name: `${store} ${name}`, value, unit, baseline: base, ratio: value / base, ...(target ? { target } : {}) };
  };
  return [
    row(`batched append (${batchSize}/batch)`, 'events/s', (figures) => batchedEvents / figures.batched.seconds, targets.batched),
    row('single append', 'events/s', (figures) => singleAppends / figures.single.seconds, targets.single),
    row('single append p50', 'ms', (figures) => percentile(figures.single, 0.5)),
    row('single append p99', 'ms', (figures) => percentile(figures.single, 0.99), targets.p99),
    row(`read all (${readPageSize}/page)`, 'events/s', (figures) => total / figures.readAll.seconds, targets.readAll),
  ];
}
