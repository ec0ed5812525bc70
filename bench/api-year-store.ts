import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tandem/config';
import { SqliteEventStore } from '@tandem/eventstore';
import { openReadModelDatabase } from '@tandem/persistence';
import { projectionStoreOf, replayGeneration } from '@tandem/projections';
import { metricsWorkload } from './metrics-workload';
import { appendWorkload, organizationAppends, projectorWorkload } from './projector-workload';

/**
 * Bump when bench/metrics-workload.ts, bench/projector-workload.ts or the read models' layout
 * change: the cached store is then built again.
 */
const GENERATOR_VERSION = 1;
const QUARTERS = 4;
/** The year of the cached store: the metrics quarter (2026-01-01 → 04-01) and its three shifted copies. */
export const YEAR = { from: '2026-01-01T00:00:00Z', to: '2026-12-31T00:00:00Z' } as const;

/**
 * The embedded data folder (events.sqlite, read models) of a year of the 500-person benchmark
 * organisation: the projector bench's workload, four quarters (~2M events), rebuilt into read
 * models. Building it takes minutes on a shared 2-core box, so it is built once into
 * `<tmp>/tandem-bench-api-year-v<GENERATOR_VERSION>` and reused; a folder without its `complete`
 * marker (an interrupted build) is built again. Runs use the folder in place (the API adds tokens
 * and audit rows to it; the events and KPIs stay as built).
 */
export async function yearStore(log: (line: string) => void = console.log): Promise<{ dataDir: string; built: boolean; seconds: number }> {
  const dataDir = join(tmpdir(), `tandem-bench-api-year-v${GENERATOR_VERSION}`);
  const marker = join(dataDir, 'complete');
  if (existsSync(marker)) return { dataDir, built: false, seconds: 0 };
  const started = performance.now();
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const total = QUARTERS * metricsWorkload().length;
  log(`api bench: building the year store (${total.toLocaleString('en-US')} events) in ${dataDir} — once, then cached`);
  const eventStore = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
  try {
    await eventStore.appendMany(organizationAppends());
    await appendWorkload(eventStore, projectorWorkload(total));
    log(`api bench: events appended after ${Math.round((performance.now() - started) / 1_000)} s; rebuilding the read models`);
    const database = await openReadModelDatabase(loadConfig({ TANDEM_MODE: 'embedded', TANDEM_DATA_DIR: dataDir }));
    try {
      await replayGeneration({ eventStore, store: projectionStoreOf(database), pageSize: 5_000 });
    } finally {
      await database.destroy();
    }
  } finally {
    await eventStore.close();
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return { dataDir, built: true, seconds: (performance.now() - started) / 1_000 };
}

if (require.main === module) {
  yearStore().then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
