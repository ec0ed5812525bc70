// Read models: the TypeORM database (PostgreSQL or SQLite), its migrations, and each area's tables.
export { instantColumnType } from './portable-ddl';
export { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from './read-model-schema';
export { READ_MODEL_FILE, migrateReadModelDatabase, migrateReadModels, openReadModelDatabase, readModelDataSourceOptions, type ReadModelDatabaseOptions } from './read-model-database';
export { READ_MODEL_DATABASE, PersistenceModule } from './persistence.module';
export * from './auth';
export * from './recognition';
