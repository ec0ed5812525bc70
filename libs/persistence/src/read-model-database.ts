import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { TandemConfig } from '@tandem/config';
import type { Logger, Registry } from '@tandem/observability';
import { ReadModelQueryLogger } from './read-model-query-logger';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from './read-model-schema';

export const READ_MODEL_FILE = 'read-models.sqlite';
const MIGRATIONS_TABLE = 'read_model_migrations';
const SLOW_QUERY_MS = 250;

export interface ReadModelDatabaseOptions {
  logger?: Logger;
  /** Counts the statements sent (`tandem_read_model_queries_total`). */
  metrics?: Registry;
}

/**
 * Where the read models live: PostgreSQL in the distributed mode, `<dataDir>/read-models.sqlite`
 * in the embedded mode. Never `synchronize`: the schema is the migrations'.
 */
export function readModelDataSourceOptions(config: TandemConfig, options: ReadModelDatabaseOptions = {}): DataSourceOptions {
  const common = {
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    // Run explicitly by migrateReadModels, under a lock (see there).
    migrationsRun: false,
    synchronize: false,
    logger: new ReadModelQueryLogger(options.logger?.child({ component: 'read-models' }), options.metrics),
    maxQueryExecutionTime: SLOW_QUERY_MS,
  } as const;
  if (config.mode === 'distributed' && config.postgres) {
    return { ...common, type: 'postgres', url: config.postgres.url, extra: { max: 10 } };
  }
  mkdirSync(config.paths.dataDir, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: join(config.paths.dataDir, READ_MODEL_FILE),
    // Readers never wait for the writer; a CLI command (`tandem token create`) writes beside a running server.
    enableWAL: true,
    timeout: 5_000,
    // In WAL mode, NORMAL syncs at checkpoints rather than at every commit: a commit survives a crash
    // of the process, not a power cut. Right for read models (rebuilt from the events); the price is
    // the last moment's audit entries on a power cut, against ~5× the writes per second (bench/api.bench.ts).
    prepareDatabase: (database: { pragma(statement: string): unknown }) => void database.pragma('synchronous = NORMAL'),
  };
}

/** `tandem migrate`: brings the read-model database up to date and closes it; the migrations applied. */
export async function migrateReadModelDatabase(config: TandemConfig): Promise<string[]> {
  const dataSource = await new DataSource(readModelDataSourceOptions(config)).initialize();
  try {
    return await migrateReadModels(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Opens the read-model database and brings its schema up to date. */
export async function openReadModelDatabase(config: TandemConfig, options: ReadModelDatabaseOptions = {}): Promise<DataSource> {
  const dataSource = await new DataSource(readModelDataSourceOptions(config, options)).initialize();
  try {
    await migrateReadModels(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * Runs the pending migrations; returns their names. On PostgreSQL, under an advisory lock: API
 * replicas that start together would otherwise all create the same tables (TypeORM takes no lock).
 * SQLite serialises writers on its own.
 */
export async function migrateReadModels(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') return names(await dataSource.runMigrations({ transaction: 'each' }));
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.query(`SELECT pg_advisory_lock(hashtext('tandem.read_model_migrations'))`);
    try {
      return names(await dataSource.runMigrations({ transaction: 'each' }));
    } finally {
      await lockHolder.query(`SELECT pg_advisory_unlock(hashtext('tandem.read_model_migrations'))`);
    }
  } finally {
    await lockHolder.release();
  }
}

function names(migrations: readonly { name: string }[]): string[] {
  return migrations.map((migration) => migration.name);
}
