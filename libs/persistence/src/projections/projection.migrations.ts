import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { instantColumnType } from '../portable-ddl';

/** The KPI projection's tables (see projection-tables.ts); one migration, so they come and go together. */
export class CreateProjectionTables1767225700000 implements MigrationInterface {
  name = 'CreateProjectionTables1767225700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'projection_generations',
        columns: [
          { name: 'generation', type: 'integer', isPrimary: true },
          { name: 'projection', type: 'varchar', length: '64' },
          { name: 'definitions_version', type: 'integer' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'created_at', type: instant },
          { name: 'activated_at', type: instant, isNullable: true },
        ],
        // At most one active generation per projection, whatever a racing replay does (both databases have partial indexes).
        indices: [{ name: 'projection_generations_one_active', columnNames: ['projection'], isUnique: true, where: `state = 'active'` }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'projection_checkpoints',
        columns: [
          { name: 'projection', type: 'varchar', length: '64', isPrimary: true },
          { name: 'generation', type: 'integer', isPrimary: true },
          { name: 'position', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'projection_entity_events',
        columns: [
          // The primary key is the idempotence: an event stored again for its entity is a no-op.
          { name: 'generation', type: 'integer', isPrimary: true },
          { name: 'entity_key', type: 'text', isPrimary: true },
          { name: 'event_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'global_position', type: 'bigint' },
          { name: 'occurred_at', type: instant },
          { name: 'event', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'projection_entity_facts',
        columns: [
          { name: 'generation', type: 'integer', isPrimary: true },
          { name: 'entity_key', type: 'text', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'facts', type: 'text' },
          { name: 'last_position', type: 'bigint' },
        ],
        // Readers refresh their cached facts with the rows written after the checkpoint they hold.
        indices: [{ name: 'projection_entity_facts_generation_last_position', columnNames: ['generation', 'last_position'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'projection_directory_events',
        columns: [
          { name: 'generation', type: 'integer', isPrimary: true },
          { name: 'event_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'global_position', type: 'bigint' },
          { name: 'event', type: 'text' },
        ],
        indices: [{ name: 'projection_directory_events_generation_position', columnNames: ['generation', 'global_position'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['projection_directory_events', 'projection_entity_facts', 'projection_entity_events', 'projection_checkpoints', 'projection_generations']) {
      await queryRunner.dropTable(table);
    }
  }
}

/**
 * PostgreSQL: the entity events' key leads with the entity. Reading an entity's earlier events
 * (`generation = $1 AND entity_key = ANY(…)`) then always looks each key up: keyed by generation
 * first, the planner scanned the whole generation once the statistics said it was empty (they
 * describe the generation analysed last; a replay writes a new one), and each batch of a second
 * replay took seconds. SQLite's planner uses every equality of a key's prefix: nothing to change.
 */
export class EntityEventsKeyedByEntity1796083200000 implements MigrationInterface {
  name = 'EntityEventsKeyedByEntity1796083200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.rekey(queryRunner, ['entity_key', 'generation', 'event_id']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.rekey(queryRunner, ['generation', 'entity_key', 'event_id']);
  }

  private async rekey(queryRunner: QueryRunner, columns: string[]): Promise<void> {
    if (queryRunner.connection.driver.options.type !== 'postgres') return;
    const [primaryKey] = (await queryRunner.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'projection_entity_events'::regclass AND contype = 'p'`,
    )) as { conname: string }[];
    await queryRunner.query(
      `ALTER TABLE projection_entity_events DROP CONSTRAINT "${primaryKey.conname}", ADD CONSTRAINT projection_entity_events_pkey PRIMARY KEY (${columns.join(', ')})`,
    );
  }
}

/** The projection area's migrations, in order. */
export const PROJECTION_MIGRATIONS = [CreateProjectionTables1767225700000, EntityEventsKeyedByEntity1796083200000];
