import { Pool } from 'pg';
import type { TandemConfig } from '@tandem/config';
import { migratePostgresEventStore } from '@tandem/eventstore';

/**
 * Creates or upgrades the tables of the distributed mode's PostgreSQL. The embedded mode's SQLite
 * files are migrated when they are opened, so there is nothing to run ahead of time.
 */
export async function migrate(config: TandemConfig): Promise<string> {
  if (config.mode !== 'distributed' || !config.postgres) {
    return 'embedded mode: the SQLite files in the data folder are migrated when Tandem opens them; nothing to do';
  }
  const pool = new Pool({ connectionString: config.postgres.url, max: 1 });
  try {
    await migratePostgresEventStore(pool);
    return 'PostgreSQL event store migrated';
  } finally {
    await pool.end();
  }
}
