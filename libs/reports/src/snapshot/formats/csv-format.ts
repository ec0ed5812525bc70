import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { snapshotValueSchema } from '../snapshot-schema';
import type { SnapshotValue } from '../snapshot-types';
import type { Decoded } from './decoded';
import { FIELD_OF_COLUMN, SNAPSHOT_COLUMNS } from './snapshot-rows';

const NUMERIC_FIELDS = new Set<keyof SnapshotValue>(['version', 'value', 'sampleSize', 'numerator', 'denominator', 'p90', 'mean']);
/** How `String(number)` writes a finite double: what the encoder emits and the decoder accepts. */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?(e[+-]\d+)?$/;

/**
 * The CSV file (RFC 4180, UTF-8, `\n` line ends, a header row): one row per KPI × scope × window
 * in the snapshot's order, the columns of SNAPSHOT_COLUMNS. Null is an empty cell, numbers are
 * written as in the JSON export, booleans as `true`/`false`. The seal is in the `.sig.json` beside it.
 */
export function encodeSnapshotCsv(values: readonly SnapshotValue[]): Buffer {
  const rows = values.map((value) => SNAPSHOT_COLUMNS.map((column) => cellOf(value[FIELD_OF_COLUMN[column]])));
  return Buffer.from(stringify(rows, { header: true, columns: [...SNAPSHOT_COLUMNS], record_delimiter: 'unix' }), 'utf8');
}

function cellOf(field: SnapshotValue[keyof SnapshotValue]): string {
  if (field === null) return '';
  if (typeof field === 'number') return String(field === 0 ? 0 : field);
  return String(field);
}

/** The values of a CSV export, and whether the file is exactly what `encodeSnapshotCsv` writes for them. */
export function decodeSnapshotCsv(bytes: Buffer): Decoded<SnapshotValue[]> {
  let records: string[][];
  try {
    records = parse(bytes, { relax_column_count: false, skip_empty_lines: false }) as string[][];
  } catch (error) {
    return { ok: false, reason: `not CSV: ${error instanceof Error ? error.message : String(error)}` };
  }
  const [header, ...rows] = records;
  if (!header || header.join(',') !== SNAPSHOT_COLUMNS.join(',')) return { ok: false, reason: `the header row is not ${SNAPSHOT_COLUMNS.join(',')}` };
  const values: SnapshotValue[] = [];
  for (const [index, row] of rows.entries()) {
    const decoded = valueOfRow(row);
    if (!decoded.ok) return { ok: false, reason: `row ${index + 2}: ${decoded.reason}` };
    values.push(decoded.value);
  }
  return { ok: true, value: values, canonical: encodeSnapshotCsv(values).equals(bytes) };
}

function valueOfRow(row: readonly string[]): { ok: true; value: SnapshotValue } | { ok: false; reason: string } {
  const fields: Record<string, unknown> = {};
  for (const [index, column] of SNAPSHOT_COLUMNS.entries()) {
    const field = FIELD_OF_COLUMN[column];
    const cell = row[index] ?? '';
    if (NUMERIC_FIELDS.has(field)) {
      if (cell !== '' && !NUMBER.test(cell)) return { ok: false, reason: `${column} "${cell}" is not a number` };
      fields[field] = cell === '' ? null : Number(cell);
    } else if (field === 'suppressed') {
      fields[field] = cell === 'true' ? true : cell === 'false' ? false : cell;
    } else {
      fields[field] = field === 'team' && cell === '' ? null : cell;
    }
  }
  const result = snapshotValueSchema.safeParse(fields);
  if (!result.success) return { ok: false, reason: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  return { ok: true, value: result.data };
}
