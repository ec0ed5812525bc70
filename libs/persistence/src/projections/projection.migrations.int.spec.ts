import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { createTestDatabase } from '@tandem/testing';
import type { DataSource } from 'typeorm';
import { openReadModelDatabase } from '../read-model-database';
import { CreateProjectionTables1767225700000 } from './projection.migrations';

const TABLES = ['projection_checkpoints', 'projection_directory_events', 'projection_entity_events', 'projection_entity_facts', 'projection_generations'];

const BACKENDS: [string, () => Promise<{ config: TandemConfig; dispose(): Promise<void> }>][] = [
  [
    'SQLite',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tandem-projection-tables-'));
      return { config: loadConfig({ TANDEM_DATA_DIR: dataDir }), dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase('tandem_projection_tables');
      const config = loadConfig({ TANDEM_MODE: 'distributed', DATABASE_URL: database.url, KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' });
      return { config, dispose: () => database.drop() };
    },
  ],
];

async function projectionTables(database: DataSource): Promise<string[]> {
  const runner = database.createQueryRunner();
  try {
    return (await runner.getTables(TABLES)).map((table) => table.name.replace(/^.*\./, '')).sort();
  } finally {
    await runner.release();
  }
}

describe.each(BACKENDS)('the projection tables on %s', (_name, createBackend) => {
  it('are created by their migration, allow one active generation per projection, and go with its down', async () => {
    const backend = await createBackend();
    const database = await openReadModelDatabase(backend.config);
    try {
      expect(await projectionTables(database)).toEqual(TABLES);
      const insert = (generation: number, state: string) =>
        database.query(
          `INSERT INTO projection_generations (generation, projection, definitions_version, state, created_at) VALUES (${generation}, 'kpis', 1, '${state}', CURRENT_TIMESTAMP)`,
        );
      await insert(1, 'active');
      await insert(2, 'building');
      await expect(insert(3, 'active')).rejects.toThrow();

      const runner = database.createQueryRunner();
      try {
        await new CreateProjectionTables1767225700000().down(runner);
        expect(await projectionTables(database)).toEqual([]);
        await new CreateProjectionTables1767225700000().up(runner);
        expect(await projectionTables(database)).toEqual(TABLES);
      } finally {
        await runner.release();
      }
    } finally {
      await database.destroy();
      await backend.dispose();
    }
  });
});
