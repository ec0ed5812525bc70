import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The recognition feed's tables (see recognition-tables.ts); one migration, so they come and go together. */
export class CreateRecognitionFeed1767225860000 implements MigrationInterface {
  name = 'CreateRecognitionFeed1767225860000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'recognition_feed',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'rule', type: 'varchar', length: '64', isNullable: true },
          { name: 'rule_version', type: 'integer', isNullable: true },
          { name: 'from_person', type: 'varchar', length: '128', isNullable: true },
          { name: 'to_people', type: 'text' },
          { name: 'teams', type: 'text' },
          { name: 'message', type: 'text' },
          { name: 'tags', type: 'text' },
          { name: 'evidence', type: 'text' },
          { name: 'occurred_at', type: 'varchar', length: '40' },
          { name: 'occurred_ms', type: 'bigint' },
          { name: 'global_position', type: 'bigint' },
          { name: 'hidden', type: 'integer', default: 0 },
          { name: 'reactions', type: 'integer', default: 0 },
        ],
        indices: [
          // The feed, newest first: read backwards, (occurred_ms, id) is the order and the cursor.
          { name: 'recognition_feed_occurred', columnNames: ['occurred_ms', 'id'] },
          // The kudos a person gave lately (daily limit and self-dealing checks of giveKudos).
          { name: 'recognition_feed_from_person', columnNames: ['from_person', 'occurred_ms'] },
        ],
      }),
    );
    for (const [table, key] of [
      ['recognition_feed_people', 'person_id'],
      ['recognition_feed_teams', 'team'],
    ] as const) {
      await queryRunner.createTable(
        new Table({
          name: table,
          columns: [
            { name: key, type: 'varchar', length: '128', isPrimary: true },
            { name: 'item_id', type: 'varchar', length: '36', isPrimary: true },
            { name: 'occurred_ms', type: 'bigint' },
          ],
          // One person's or one team's feed, newest first, with the same cursor as the whole feed.
          indices: [{ name: `${table}_occurred`, columnNames: [key, 'occurred_ms', 'item_id'] }],
        }),
      );
    }
    await queryRunner.createTable(
      new Table({
        name: 'recognition_reactions',
        columns: [
          { name: 'recognition_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'person_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'emoji', type: 'varchar', length: '64', isPrimary: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'recognition_checkpoints',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'position', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['recognition_checkpoints', 'recognition_reactions', 'recognition_feed_teams', 'recognition_feed_people', 'recognition_feed']) await queryRunner.dropTable(table);
  }
}

/**
 * What the recognizer knows of the history up to its checkpoint (recognition-tables.ts,
 * RecognitionStateRow), so that a restart resumes from the checkpoint instead of the first event.
 */
export class CreateRecognitionState1767225870000 implements MigrationInterface {
  name = 'CreateRecognitionState1767225870000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'recognition_state',
        columns: [
          { name: 'kind', type: 'varchar', length: '16', isPrimary: true },
          { name: 'key', type: 'varchar', length: '512', isPrimary: true },
          { name: 'value', type: 'text' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('recognition_state');
  }
}

export const RECOGNITION_MIGRATIONS = [CreateRecognitionFeed1767225860000, CreateRecognitionState1767225870000];
