import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { instantColumnType } from '../portable-ddl';

export class CreateApiTokens1767225600000 implements MigrationInterface {
  name = 'CreateApiTokens1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'hint', type: 'varchar', length: '16' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'teams', type: 'text' },
          { name: 'created_at', type: instant },
          { name: 'revoked_at', type: instant, isNullable: true },
        ],
        indices: [
          // Every authenticated request looks its token up by hash.
          { name: 'api_tokens_token_hash', columnNames: ['token_hash'], isUnique: true },
          // Keyset pagination of the admin's listing.
          { name: 'api_tokens_created_at_id', columnNames: ['created_at', 'id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_tokens');
  }
}

export class CreateAuditLog1767225600001 implements MigrationInterface {
  name = 'CreateAuditLog1767225600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'at', type: instant },
          { name: 'token_id', type: 'varchar', length: '36' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'correlation_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'field', type: 'varchar', length: '128' },
          { name: 'subject', type: 'varchar', length: '256' },
        ],
        indices: [
          { name: 'audit_log_at', columnNames: ['at'] },
          { name: 'audit_log_token_id_at', columnNames: ['token_id', 'at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_log');
  }
}

/** A token may be issued to a person, who then gives kudos and opts out of recognitions as themself. */
export class AddApiTokenPerson1767225860001 implements MigrationInterface {
  name = 'AddApiTokenPerson1767225860001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('api_tokens', new TableColumn({ name: 'person_id', type: 'varchar', length: '128', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('api_tokens', 'person_id');
  }
}

/** The access-control area's migrations, in order. */
export const AUTH_MIGRATIONS = [CreateApiTokens1767225600000, CreateAuditLog1767225600001, AddApiTokenPerson1767225860001];
