import { Pool } from 'pg';
import { migratePostgresDeliveryArchive } from '@tandem/archive';
import type { TandemConfig } from '@tandem/config';
import { migratePostgresEventStore } from '@tandem/eventstore';
import { migrateReadModelDatabase } from '@tandem/persistence';

/**
 * Creates or upgrades the tables of the configured mode: the read models in both modes, and the
 * distributed mode's PostgreSQL event store and archive. (The embedded mode's event store and log
 * SQLite files are migrated when they are opened.)
 */
export async function migrate(config: TandemConfig): Promise<string> {
  const applied = await migrateReadModelDatabase(config);
  const readModels = applied.length ? `read models migrated (${applied.join(', ')})` : 'read models up to date';
  if (config.mode !== 'distributed' || !config.postgres) {
    return `embedded mode: ${readModels}; the other SQLite files in the data folder are migrated when Tandem opens them`;
  }
  const pool = new Pool({ connectionString: config.postgres.url, max: 1 });
  try {
    await migratePostgresEventStore(pool);
    await migratePostgresDeliveryArchive(pool);
    return `PostgreSQL event store and webhook archive migrated; ${readModels}`;
  } finally {
    await pool.end();
  }
}
