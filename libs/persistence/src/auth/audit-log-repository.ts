import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { AuditEntryTable, type AuditEntry } from './auth-tables';

/** Rows per INSERT: far below SQLite's bound-parameter limit, whatever the build. */
const ROWS_PER_INSERT = 500;

/**
 * Append-only record of reads of person-level data. Written on the hot path of every such read, so
 * as one multi-row INSERT built from the table's metadata with the driver's own parameter syntax and
 * value conversion (portable), without the per-entity work of `Repository.insert` (~4× slower).
 */
export class AuditLogRepository {
  private readonly columns: readonly ColumnMetadata[];
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    const metadata = dataSource.getMetadata(AuditEntryTable);
    this.columns = metadata.columns;
    this.table = dataSource.driver.escape(metadata.tableName);
  }

  /** Writes the entries in one INSERT (per 500), so a batch of reads costs one round trip. */
  async append(entries: readonly Omit<AuditEntry, 'id'>[]): Promise<void> {
    for (let start = 0; start < entries.length; start += ROWS_PER_INSERT) {
      await this.insert(entries.slice(start, start + ROWS_PER_INSERT).map((entry): AuditEntry => ({ id: randomUUID(), ...entry })));
    }
  }

  private async insert(rows: readonly AuditEntry[]): Promise<void> {
    const { driver } = this.dataSource;
    const parameters: unknown[] = [];
    const tuples = rows.map((row) => {
      const placeholders = this.columns.map((column) => {
        parameters.push(driver.preparePersistentValue(column.getEntityValue(row), column));
        return driver.createParameter(`p${parameters.length}`, parameters.length - 1);
      });
      return `(${placeholders.join(', ')})`;
    });
    const names = this.columns.map((column) => driver.escape(column.databaseName)).join(', ');
    await this.dataSource.query(`INSERT INTO ${this.table} (${names}) VALUES ${tuples.join(', ')}`, parameters);
  }
}
