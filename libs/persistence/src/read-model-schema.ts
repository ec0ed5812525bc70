import type { EntitySchema, MigrationInterface } from 'typeorm';
import { AUTH_ENTITIES, AUTH_MIGRATIONS } from './auth';
import { PROJECTION_ENTITIES, PROJECTION_MIGRATIONS } from './projections';
import { RECOGNITION_ENTITIES, RECOGNITION_MIGRATIONS } from './recognition';

type MigrationClass = new () => MigrationInterface;

/**
 * Every read-model table, registered here and nowhere else. Each area (access control today; KPI
 * and recognition read models next) keeps its tables in a folder of this lib, `src/<area>/`, and
 * exports one array of entities and one of migrations, listed below. (The functional core libs —
 * metrics, recognition, directory — import no database, so their tables live here.)
 *
 * Migrations are never edited once committed: a change is a new migration, with `up` and `down`,
 * written with TypeORM's `Table` API (or per-driver SQL) so that it runs on PostgreSQL and SQLite.
 * Their names end with a timestamp; they run in that order.
 */
export const READ_MODEL_ENTITIES: EntitySchema[] = [...AUTH_ENTITIES, ...PROJECTION_ENTITIES, ...RECOGNITION_ENTITIES] as EntitySchema[];
export const READ_MODEL_MIGRATIONS: MigrationClass[] = [...AUTH_MIGRATIONS, ...PROJECTION_MIGRATIONS, ...RECOGNITION_MIGRATIONS].sort((a, b) => timestampOf(a) - timestampOf(b));

/** The timestamp a migration's class name ends with: the order TypeORM runs them in, whatever the area. */
function timestampOf(migration: MigrationClass): number {
  return Number(/\d+$/.exec(migration.name)?.[0] ?? 0);
}
