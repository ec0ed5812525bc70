import type { QueryRunner } from 'typeorm';

/**
 * The column type of an instant, for migrations that run on both databases: `timestamptz` on
 * PostgreSQL (an instant, whatever the server's time zone), `datetime` on SQLite (TypeORM stores
 * UTC text). Entities declare such columns as `type: Date`; TypeORM converts on both drivers.
 */
export function instantColumnType(queryRunner: QueryRunner): 'timestamptz' | 'datetime' {
  return queryRunner.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
}
