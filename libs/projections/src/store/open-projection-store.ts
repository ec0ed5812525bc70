import type { DataSource } from 'typeorm';
import { PostgresProjectionStore } from './postgres-projection-store';
import type { ProjectionStore } from './projection-store';
import { SqliteProjectionStore } from './sqlite-projection-store';

/** The projection store of the read-model database (`openReadModelDatabase`): PostgreSQL or SQLite. */
export function projectionStoreOf(dataSource: DataSource): ProjectionStore {
  return dataSource.options.type === 'postgres' ? new PostgresProjectionStore(dataSource) : new SqliteProjectionStore(dataSource);
}
