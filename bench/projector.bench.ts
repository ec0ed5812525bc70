import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { migratePostgresEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '@tandem/eventstore';
import { createTestDatabase } from '@tandem/testing';
import type { BenchResult } from './bench-result';
import type { RunResult, RunSettings } from './projector-run';
import { appendsOf, appendWorkload, liveWorkload, organizationAppends, projectorWorkload } from './projector-workload';

const TSX = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
/** Events per transaction of the rebuild (`readAll` page size). */
const PAGE_SIZE = 5_000;
const LIVE_RATE = 1_000;

/**
 * The projector on each store: a full rebuild of the KPI read models from the event store (the
 * brief's targets: PostgreSQL ≤ 30 s and SQLite ≤ 20 s for 1,000,000 events, RSS ≤ 512 MB) beside
 * the raw `readAll` of the same store, and live freshness at 1,000 events/s (p99 append →
 * `kpisUpdated` ≤ 200 ms) beside the bare subscription's delivery. `TANDEM_BENCH_EVENTS` scales the
 * history (default 1,000,000), `TANDEM_BENCH_LIVE_EVENTS` the live phase (default 10,000).
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
    const common = { liveFile, liveRate: LIVE_RATE, pageSize: PAGE_SIZE };

    const sqliteEvents = join(workDir, 'events.sqlite');
    const sqliteStore = new SqliteEventStore({ filename: sqliteEvents });
    await append(sqliteStore).finally(() => sqliteStore.close());
    const sqlite = await runProjector({ store: 'sqlite', eventsFile: sqliteEvents, dataDir: join(workDir, 'read-models'), ...common });

    const database = await createTestDatabase('tandem_bench_projector');
    try {
      const pool = new Pool({ connectionString: database.url, max: 4 });
      await migratePostgresEventStore(pool);
      const postgresStore = new PostgresEventStore({ pool });
      await append(postgresStore).finally(async () => {
        await postgresStore.close();
        await pool.end();
      });
      const postgres = await runProjector({ store: 'postgres', databaseUrl: database.url, ...common });
      return [...resultsOf('sqlite', sqlite, { rebuild: '≤ 20 s' }), ...resultsOf('postgres', postgres, { rebuild: '≤ 30 s' })];
    } finally {
      await database.drop();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function resultsOf(store: string, run: RunResult, targets: { rebuild: string }): BenchResult[] {
  const events = run.events.toLocaleString('en-US');
  const rebuildRate = run.events / run.rebuildSeconds;
  const readRate = run.events / run.readAllSeconds;
  return [
    { name: `projector ${store}: rebuild of ${events} events (baseline: raw readAll of the store)`, value: rebuildRate, unit: 'events/s', baseline: readRate, ratio: rebuildRate / readRate },
    {
      name: `projector ${store}: rebuild, per CPU second of the projector (baseline: readAll per CPU second)`,
      value: run.events / run.rebuildCpuSeconds,
      unit: 'events/s',
      baseline: run.events / run.readAllCpuSeconds,
      ratio: run.readAllCpuSeconds / run.rebuildCpuSeconds,
    },
    { name: `projector ${store}: rebuild time`, value: run.rebuildSeconds, unit: 's', target: `${targets.rebuild} at 1,000,000` },
    { name: `projector ${store}: rebuild peak RSS`, value: run.rebuildPeakRssMb, unit: 'MB', target: '≤ 512 MB' },
    { name: `projector ${store}: first KPI query after the rebuild (facts loaded, model assembled)`, value: run.firstQuerySeconds, unit: 's' },
    { name: `projector ${store}: KPI query on the cached model`, value: run.cachedQuerySeconds * 1_000, unit: 'ms' },
    {
      name: `projector ${store}: live append → kpisUpdated p99 at ${Math.round(run.live.achievedRate)} events/s (baseline: bare subscription)`,
      value: run.live.p99,
      unit: 'ms',
      baseline: run.live.rawP99,
      ratio: run.live.p99 / run.live.rawP99,
      target: '≤ 200 ms',
    },
    { name: `projector ${store}: live append → kpisUpdated p50`, value: run.live.p50, unit: 'ms', baseline: run.live.rawP50, ratio: run.live.p50 / run.live.rawP50 },
    { name: `projector ${store}: live append → kpisUpdated max`, value: run.live.max, unit: 'ms', baseline: run.live.rawMax },
  ];
}

/** Runs bench/projector-run.ts in a child process (its RSS is the projector's) and reads its JSON line. */
function runProjector(settings: RunSettings): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(__dirname, 'projector-run.ts'), JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`projector benchmark (${settings.store}) exited ${code}: ${output}`));
      else resolve(JSON.parse(line) as RunResult);
    });
  });
}
