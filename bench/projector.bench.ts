import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { migratePostgresEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '@tandem/eventstore';
import { createTestDatabase } from '@tandem/testing';
import type { BenchResult } from './bench-result';
import type { RebuildResult, RunSettings, ServeResult } from './projector-run';
import { appendsOf, appendWorkload, liveWorkload, organizationAppends, projectorWorkload } from './projector-workload';

const TSX = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
/** Events per transaction of the rebuild (`readAll` page size). */
const PAGE_SIZE = 5_000;
const LIVE_RATE = 1_000;
/**
 * The projector runs with its V8 heap capped, as its container would run it under a memory limit:
 * uncapped, V8 lets garbage grow the heap towards its default limit (the 1M rebuild then peaked at
 * 490 MB on SQLite and 683 MB on PostgreSQL, most of it garbage: the same run fits a 256 MB heap).
 */
const PROJECTOR_NODE_OPTIONS = process.env.TANDEM_BENCH_NODE_OPTIONS ?? '--max-old-space-size=384';

/**
 * The projector on each store: a full rebuild of the KPI read models from the event store (the
 * brief's targets: PostgreSQL ≤ 30 s and SQLite ≤ 20 s for 1,000,000 events, RSS ≤ 512 MB) beside
 * the raw `readAll` of the same store, and live freshness at 1,000 events/s (p99 append →
 * `kpisUpdated` ≤ 200 ms) beside the bare subscription's delivery. `TANDEM_BENCH_EVENTS` scales the
 * history (default 1,000,000), `TANDEM_BENCH_LIVE_EVENTS` the live phase (default 10,000);
 * `TANDEM_BENCH_STORES=sqlite` (or `postgres`) runs one store only.
 */
export async function benchProjector(): Promise<BenchResult[]> {
  const total = Number(process.env.TANDEM_BENCH_EVENTS ?? 1_000_000);
  const liveCount = Number(process.env.TANDEM_BENCH_LIVE_EVENTS ?? 10_000);
  const workDir = mkdtempSync(join(tmpdir(), 'tandem-bench-projector-'));
  try {
    const events = projectorWorkload(total);
    const liveFile = join(workDir, 'live.json');
    writeFileSync(liveFile, JSON.stringify(liveWorkload(total, liveCount).flatMap((event) => appendsOf([event]))));
    const append = async (store: EventStore) => {
      await store.appendMany(organizationAppends());
      await appendWorkload(store, events);
    };
    const cachedEvents = process.env.TANDEM_BENCH_CACHED_EVENTS ? Number(process.env.TANDEM_BENCH_CACHED_EVENTS) : undefined;
    const common = { liveFile, liveRate: LIVE_RATE, pageSize: PAGE_SIZE, cachedEvents };

    const stores = (process.env.TANDEM_BENCH_STORES ?? 'sqlite,postgres').split(',');
    const results: BenchResult[] = [];
    if (stores.includes('sqlite')) {
      const sqliteEvents = join(workDir, 'events.sqlite');
      const sqliteStore = new SqliteEventStore({ filename: sqliteEvents });
      await append(sqliteStore).finally(() => sqliteStore.close());
      results.push(...(await measure({ store: 'sqlite', eventsFile: sqliteEvents, dataDir: join(workDir, 'read-models'), ...common }, '≤ 20 s')));
    }
    if (stores.includes('postgres')) {
      const database = await createTestDatabase('tandem_bench_projector');
      try {
        const pool = new Pool({ connectionString: database.url, max: 4 });
        await migratePostgresEventStore(pool);
        const postgresStore = new PostgresEventStore({ pool });
        await append(postgresStore).finally(async () => {
          await postgresStore.close();
          await pool.end();
        });
        results.push(...(await measure({ store: 'postgres', databaseUrl: database.url, ...common }, '≤ 30 s')));
      } finally {
        await database.drop();
      }
    }
    return results;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The rebuild (its own process, heap capped like the deployed projector), then the queries and the live phase. */
async function measure(settings: Omit<RunSettings, 'phase'>, rebuildTarget: string): Promise<BenchResult[]> {
  const rebuilt = await runChild<RebuildResult>({ ...settings, phase: 'rebuild' }, PROJECTOR_NODE_OPTIONS);
  const served = await runChild<ServeResult>({ ...settings, phase: 'serve' }, '');
  const store = settings.store;
  const events = rebuilt.events.toLocaleString('en-US');
  const rebuildRate = rebuilt.events / rebuilt.rebuildSeconds;
  const live = served.live;
  return [
    {
      name: `projector ${store}: rebuild of ${events} events (baseline: raw readAll of the store)`,
      value: rebuildRate,
      unit: 'events/s',
      baseline: rebuilt.events / rebuilt.readAllSeconds,
      ratio: rebuildRate / (rebuilt.events / rebuilt.readAllSeconds),
    },
    {
      name: `projector ${store}: rebuild, per CPU second of the projector (baseline: readAll per CPU second)`,
      value: rebuilt.events / rebuilt.rebuildCpuSeconds,
      unit: 'events/s',
      baseline: rebuilt.events / rebuilt.readAllCpuSeconds,
      ratio: rebuilt.readAllCpuSeconds / rebuilt.rebuildCpuSeconds,
    },
    { name: `projector ${store}: rebuild time`, value: rebuilt.rebuildSeconds, unit: 's', target: `${rebuildTarget} at 1,000,000` },
    { name: `projector ${store}: rebuild CPU, all threads`, value: rebuilt.rebuildCpuSeconds, unit: 's' },
    { name: `projector ${store}: rebuild CPU, main thread (the rest runs beside it)`, value: rebuilt.rebuildMainThreadCpuSeconds, unit: 's' },
    { name: `projector ${store}: rebuild peak RSS (node ${PROJECTOR_NODE_OPTIONS || 'defaults'})`, value: rebuilt.rebuildPeakRssMb, unit: 'MB', target: '≤ 512 MB' },
    { name: `projector ${store}: first KPI query after the rebuild (facts loaded, model assembled)`, value: served.firstQuerySeconds, unit: 's' },
    { name: `projector ${store}: KPI query on the cached model (18 KPIs, organisation, one quarter)`, value: served.cachedQuerySeconds * 1_000, unit: 'ms' },
    { name: `projector ${store}: RSS of a process holding the assembled model`, value: served.servePeakRssMb, unit: 'MB' },
    {
      name: `projector ${store}: live append → kpisUpdated p99 at ${Math.round(live.achievedRate)} events/s (baseline: bare subscription)`,
      value: live.p99,
      unit: 'ms',
      baseline: live.rawP99,
      ratio: live.p99 / live.rawP99,
      target: '≤ 200 ms',
    },
    { name: `projector ${store}: live append → kpisUpdated p50`, value: live.p50, unit: 'ms', baseline: live.rawP50, ratio: live.p50 / live.rawP50 },
    { name: `projector ${store}: live append → kpisUpdated max`, value: live.max, unit: 'ms', baseline: live.rawMax },
  ];
}

/** Runs bench/projector-run.ts in a child process (its RSS is its own) and reads its JSON line. */
function runChild<Result>(settings: RunSettings, nodeOptions: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, nodeOptions].filter(Boolean).join(' ') };
    const child = spawn(TSX, [join(__dirname, 'projector-run.ts'), JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`projector benchmark (${settings.store}, ${settings.phase}) exited ${code}: ${output}`));
      else resolve(JSON.parse(line) as Result);
    });
  });
}
