import { Pool } from 'pg';
import { loadConfig } from '@tandem/config';
import { migratePostgresEventStore, PostgresEventStore, SqliteEventStore } from '@tandem/eventstore';
import { openReadModelDatabase } from '@tandem/persistence';
import { projectionStoreOf, replayGeneration } from '@tandem/projections';
import { createTestDatabase } from '@tandem/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendWorkload, organizationAppends, projectorWorkload } from './projector-workload';

async function main() {
  const kind = process.argv[2];
  const events = projectorWorkload(Number(process.env.N ?? 50_000));
  if (kind === 'pg') {
    const db = await createTestDatabase('tandem_prof');
    const pool = new Pool({ connectionString: db.url, max: 4 });
    await migratePostgresEventStore(pool);
    const store = new PostgresEventStore({ pool });
    await store.appendMany(organizationAppends());
    await appendWorkload(store, events);
    const database = await openReadModelDatabase(loadConfig({ TANDEM_MODE: 'distributed', DATABASE_URL: db.url, KAFKA_BROKERS: 'x:1', REDIS_URL: 'redis://x' }), { logger: (await import('@tandem/observability')).createLogger({ service: 'p', level: 'warn' }) });
    const t = performance.now();
    await replayGeneration({ eventStore: store, store: projectionStoreOf(database), pageSize: 5000, onProgress: (p) => process.stderr.write(`${p} ${Math.round(performance.now() - t)}\n`) });
    console.log('rebuild', (performance.now() - t) / 1000);
    await database.destroy(); await store.close(); await pool.end(); await db.drop();
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'prof-'));
    const store = new SqliteEventStore({ filename: join(dir, 'e.sqlite') });
    await store.appendMany(organizationAppends());
    await appendWorkload(store, events);
    const database = await openReadModelDatabase(loadConfig({ TANDEM_DATA_DIR: dir }));
    const t = performance.now(); const c = process.cpuUsage();
    await replayGeneration({ eventStore: store, store: projectionStoreOf(database), pageSize: Number(process.env.PAGE ?? 5000) });
    const u = process.cpuUsage(c);
    console.log('phases load/refold/events/facts, facts rows, facts bytes', (globalThis as unknown as { PH: number[] }).PH?.map(Math.round)); console.log('rebuild', (performance.now() - t) / 1000, 'cpu', (u.user + u.system) / 1e6, 'rss', Math.round(process.memoryUsage().rss / 1e6));
    const ps = projectionStoreOf(database);
    const gen = (await ps.generations('kpis'))[0];
    let t2 = performance.now();
    const rows = await ps.factsSince(gen.generation, 0);
    console.log('factsSince', rows.length, performance.now() - t2); t2 = performance.now();
    const facts = rows.map((r) => JSON.parse(r.facts));
    console.log('parse', performance.now() - t2); t2 = performance.now();
    const { buildMetricModel } = await import('@tandem/metrics'); const { Directory } = await import('@tandem/directory');
    const dirRows = await ps.directoryEventsSince(gen.generation, 0);
    const directory = Directory.empty().apply(dirRows.map((r) => JSON.parse(r.json)));
    console.log('directory', performance.now() - t2); t2 = performance.now();
    buildMetricModel(facts, directory);
    console.log('build', performance.now() - t2);
    await database.destroy(); await store.close();
  }
}
void main();
