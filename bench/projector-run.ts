/**
 * One store's projector benchmark, in a process of its own so that its resident memory is the
 * projector's and not the generator's (bench/projector.bench.ts starts it): the raw `readAll`
 * throughput of the store, a full rebuild of the KPI read models (`replayGeneration`, what
 * `tandem replay` runs) with its peak RSS, the first and a repeated KPI query, then the live
 * freshness: events appended at a steady rate, each timed from its append call to the
 * `kpisUpdated` that covers it, beside the raw subscription's delivery of the same events.
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { PostgresEventStore, SqliteEventStore, type EventStore, type StreamAppend } from '@tandem/eventstore';
import { createLogger } from '@tandem/observability';
import { openReadModelDatabase } from '@tandem/persistence';
import { InMemoryProjectionUpdates, KpiReadModel, ProjectionRunner, projectionStoreOf, replayGeneration, type ProjectionStore } from '@tandem/projections';

export interface RunSettings {
  store: 'sqlite' | 'postgres';
  /** `rebuild`: raw readAll, then the rebuild; `serve`: queries on the rebuilt read models, then live freshness. */
  phase: 'rebuild' | 'serve';
  /** SQLite: the event store file and the data folder of the read models; PostgreSQL: the database URL. */
  eventsFile?: string;
  dataDir?: string;
  databaseUrl?: string;
  /** JSON of the live phase's appends, one StreamAppend per event. */
  liveFile: string;
  liveRate: number;
  pageSize: number;
  /** The projector's entity-event cache (default: the projector's own default). */
  cachedEvents?: number;
}

export interface RebuildResult {
  events: number;
  readAllSeconds: number;
  rebuildSeconds: number;
  /** CPU seconds of the projector process (all threads, GC included): on a shared machine, steadier than wall time. */
  rebuildCpuSeconds: number;
  /**
   * Of those, the main thread's (Linux; NaN elsewhere): the rest is GC helpers and, on SQLite, the
   * batch writer's thread, which run beside it. On idle cores the rebuild takes about the larger of
   * the main thread's and the writer's share, whatever the total.
   */
  rebuildMainThreadCpuSeconds: number;
  readAllCpuSeconds: number;
  rebuildPeakRssMb: number;
}

export interface ServeResult {
  firstQuerySeconds: number;
  cachedQuerySeconds: number;
  /** Resident memory with the assembled model of the whole history in memory. */
  servePeakRssMb: number;
  live: { events: number; p50: number; p99: number; max: number; rawP50: number; rawP99: number; rawMax: number; achievedRate: number };
}

const PAGE = 2_000;

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2]) as RunSettings;
  const { eventStore, config, close } = await open(settings);
  const database = await openReadModelDatabase(config);
  try {
    const result = settings.phase === 'rebuild' ? await rebuild(eventStore, projectionStoreOf(database), settings) : await serve(eventStore, projectionStoreOf(database), settings);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await database.destroy();
    await close();
  }
}

async function rebuild(eventStore: EventStore, store: ProjectionStore, settings: RunSettings): Promise<RebuildResult> {
  const { events, seconds: readAllSeconds, cpuSeconds: readAllCpuSeconds } = await readEverything(eventStore, settings.pageSize);
  const sampler = rssSampler();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const mainThreadCpu = mainThreadCpuSeconds();
  await replayGeneration({ eventStore, store, pageSize: settings.pageSize, cachedEvents: settings.cachedEvents });
  const rebuildSeconds = (performance.now() - started) / 1_000;
  const used = process.cpuUsage(cpu);
  return {
    events,
    readAllSeconds,
    readAllCpuSeconds,
    rebuildSeconds,
    rebuildCpuSeconds: (used.user + used.system) / 1e6,
    rebuildMainThreadCpuSeconds: mainThreadCpuSeconds() - mainThreadCpu,
    rebuildPeakRssMb: sampler.stop(),
  };
}

/** The KPI queries on the rebuilt read models (a process of its own: the model of a large history is the API's memory, not the projector's), then live freshness. */
async function serve(eventStore: EventStore, store: ProjectionStore, settings: RunSettings): Promise<ServeResult> {
  const readModel = new KpiReadModel({ store, eventStore });
  const window = { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
  let started = performance.now();
  await readModel.kpis({ scope: { kind: 'organization' }, ...window });
  const firstQuerySeconds = (performance.now() - started) / 1_000;
  started = performance.now();
  await readModel.kpis({ scope: { kind: 'organization' }, ...window });
  const cachedQuerySeconds = (performance.now() - started) / 1_000;
  const servePeakRssMb = Math.round(process.memoryUsage().rss / 1_048_576);
  return { firstQuerySeconds, cachedQuerySeconds, servePeakRssMb, live: await liveFreshness(eventStore, store, settings) };
}

async function open(settings: RunSettings): Promise<{ eventStore: EventStore; config: TandemConfig; close(): Promise<void> }> {
  if (settings.store === 'sqlite') {
    const eventStore = new SqliteEventStore({ filename: settings.eventsFile ?? '' });
    return { eventStore, config: loadConfig({ TANDEM_DATA_DIR: settings.dataDir }), close: () => eventStore.close() };
  }
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 4 });
  const eventStore = new PostgresEventStore({ pool });
  const config = loadConfig({ TANDEM_MODE: 'distributed', DATABASE_URL: settings.databaseUrl, KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' });
  return {
    eventStore,
    config,
    close: async () => {
      await eventStore.close();
      await pool.end();
    },
  };
}

/** The baseline: the store's own `readAll`, page after page, doing nothing with the events. */
async function readEverything(eventStore: EventStore, pageSize: number): Promise<{ events: number; seconds: number; cpuSeconds: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let events = 0;
  for (let after = 0; ; ) {
    const page = await eventStore.readAll({ after, limit: pageSize || PAGE });
    events += page.length;
    if (page.length < (pageSize || PAGE)) break;
    after = page[page.length - 1].globalPosition;
  }
  const used = process.cpuUsage(cpu);
  return { events, seconds: (performance.now() - started) / 1_000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** User + system time of the calling thread, from /proc (Linux); NaN where there is none. */
function mainThreadCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.rss > peak && process.env.TANDEM_BENCH_MEMORY_TRACE) process.stderr.write(`rss ${usage.rss >> 20} heap ${usage.heapUsed >> 20}/${usage.heapTotal >> 20} external ${usage.external >> 20} buffers ${usage.arrayBuffers >> 20}\n`);
    peak = Math.max(peak, usage.rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1_048_576);
    },
  };
}

/**
 * Appends the live events in batches every 10 ms (the rate asked), timing each event from the
 * start of its append call to the first `kpisUpdated` at or past its position, and to its
 * delivery by a bare subscription (no projection): the floor the store's notification sets.
 */
async function liveFreshness(eventStore: EventStore, store: ProjectionStore, settings: RunSettings): Promise<ServeResult['live']> {
  const appends = JSON.parse(readFileSync(settings.liveFile, 'utf8')) as StreamAppend[];
  const updates = new InMemoryProjectionUpdates();
  const runner = new ProjectionRunner({ eventStore, store, updates, logger: createLogger({ service: 'bench', level: 'silent' }), pageSize: settings.pageSize });
  const head = await eventStore.headPosition();
  const appendedAt = new Map<number, number>();
  const projectedAt = new Map<number, number>();
  const deliveredAt = new Map<number, number>();
  let projected = head;
  updates.subscribe((update) => {
    const now = performance.now();
    for (let position = projected + 1; position <= update.position; position += 1) projectedAt.set(position, now);
    projected = Math.max(projected, update.position);
  });
  runner.start();
  await waitFor(() => projected >= head, 600_000);
  const bare = eventStore.subscribeToAll({
    after: head,
    handler: async (event) => void deliveredAt.set(event.globalPosition, performance.now()),
  });

  const perTick = Math.max(1, Math.round(settings.liveRate / 100));
  const started = performance.now();
  for (let index = 0, tick = 0; index < appends.length; tick += 1) {
    const wait = started + tick * 10 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const batch = appends.slice(index, index + perTick);
    index += batch.length;
    const callAt = performance.now();
    // Each entry is one event: its position is the entry's last.
    for (const result of await eventStore.appendMany(batch)) appendedAt.set(result.lastGlobalPosition, callAt);
  }
  const achievedRate = appends.length / ((performance.now() - started) / 1_000);
  const last = head + appends.length;
  await waitFor(() => projected >= last && deliveredAt.size >= appends.length, 60_000);
  await bare.stop();
  await runner.stop();
  const latencies = (arrived: Map<number, number>) => [...appendedAt].map(([position, at]) => (arrived.get(position) ?? Number.POSITIVE_INFINITY) - at);
  return { events: appends.length, ...stats(latencies(projectedAt), ''), ...stats(latencies(deliveredAt), 'raw'), achievedRate } as ServeResult['live'];
}

/** Polls a condition (the events it waits for arrive on their own); fails after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('the live phase timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function stats(values: number[], prefix: string): Record<string, number> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
  const name = (field: string) => (prefix ? `${prefix}${field[0].toUpperCase()}${field.slice(1)}` : field);
  return { [name('p50')]: at(0.5), [name('p99')]: at(0.99), [name('max')]: sorted.at(-1) ?? Number.NaN };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
