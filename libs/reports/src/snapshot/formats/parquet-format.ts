import { Writable } from 'node:stream';
import { ParquetReader, ParquetSchema, ParquetWriter, type FieldDefinition } from '@dsnp/parquetjs';
import { snapshotValueSchema } from '../snapshot-schema';
import type { SnapshotValue } from '../snapshot-types';
import type { Decoded } from './decoded';
import { FIELD_OF_COLUMN, SNAPSHOT_COLUMNS, type SnapshotColumn } from './snapshot-rows';

/**
 * The Parquet file: the CSV's rows and columns, typed (windows as TIMESTAMP_MILLIS, counts as
 * INT32, numbers as DOUBLE, nulls as nulls), Snappy-compressed, in one row group.
 *
 * Deterministic bytes: @dsnp/parquetjs writes a fixed `created_by` and no timestamps, and its
 * version is pinned exactly in package.json, because a new writer version may lay the same rows
 * out differently. Verification does not depend on that: it checks the file's SHA-256 recorded
 * in the `.sig.json`, then the seal over the decoded rows.
 */
const PARQUET_FIELDS: Record<SnapshotColumn, FieldDefinition> = {
  kpi: { type: 'UTF8', compression: 'SNAPPY' },
  version: { type: 'INT32', compression: 'SNAPPY' },
  scope: { type: 'UTF8', compression: 'SNAPPY' },
  team: { type: 'UTF8', optional: true, compression: 'SNAPPY' },
  window_from: { type: 'TIMESTAMP_MILLIS', compression: 'SNAPPY' },
  window_to: { type: 'TIMESTAMP_MILLIS', compression: 'SNAPPY' },
  value: { type: 'DOUBLE', optional: true, compression: 'SNAPPY' },
  unit: { type: 'UTF8', compression: 'SNAPPY' },
  sample_size: { type: 'INT32', compression: 'SNAPPY' },
  numerator: { type: 'DOUBLE', optional: true, compression: 'SNAPPY' },
  denominator: { type: 'DOUBLE', optional: true, compression: 'SNAPPY' },
  p90: { type: 'DOUBLE', optional: true, compression: 'SNAPPY' },
  mean: { type: 'DOUBLE', optional: true, compression: 'SNAPPY' },
  suppressed: { type: 'BOOLEAN', compression: 'SNAPPY' },
};
const PARQUET_SCHEMA = new ParquetSchema(PARQUET_FIELDS);

type ParquetOutput = Parameters<typeof ParquetWriter.openStream>[1];

const TIMESTAMP_FIELDS = new Set<keyof SnapshotValue>(['windowFrom', 'windowTo']);

/** `metadata`: key-value pairs for the file's footer (what the snapshot is, for readers that never see the sidecar). */
export async function encodeSnapshotParquet(values: readonly SnapshotValue[], metadata: Readonly<Record<string, string>>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  // parquetjs types its output as an fs.WriteStream but only calls write(buffer, callback) and
  // end(callback), which every Writable has: an in-memory one keeps the encoder free of I/O.
  const writer = await ParquetWriter.openStream(PARQUET_SCHEMA, sink as unknown as ParquetOutput, { rowGroupSize: Math.max(values.length, 1) });
  for (const key of Object.keys(metadata).sort()) writer.setMetadata(key, metadata[key]);
  for (const value of values) await writer.appendRow(rowOf(value));
  await writer.close();
  return Buffer.concat(chunks);
}

function rowOf(value: SnapshotValue): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const column of SNAPSHOT_COLUMNS) {
    const field = FIELD_OF_COLUMN[column];
    const cell = value[field];
    // parquetjs leaves an optional column out for undefined, not for null.
    if (cell === null) continue;
    row[column] = TIMESTAMP_FIELDS.has(field) ? new Date(cell as string) : cell;
  }
  return row;
}

/** The values and footer metadata of a Parquet export. */
export async function decodeSnapshotParquet(bytes: Buffer): Promise<Decoded<{ values: SnapshotValue[]; metadata: Record<string, string> }>> {
  let reader: ParquetReader;
  try {
    reader = await ParquetReader.openBuffer(bytes);
  } catch (error) {
    return { ok: false, reason: `not Parquet: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    const values: SnapshotValue[] = [];
    const cursor = reader.getCursor();
    for (let record = await cursor.next(); record; record = await cursor.next()) {
      const decoded = valueOfRecord(record as Record<string, unknown>);
      if (!decoded.ok) return { ok: false, reason: `row ${values.length + 1}: ${decoded.reason}` };
      values.push(decoded.value);
    }
    const metadata = Object.fromEntries(Object.entries(reader.getMetadata()).map(([key, value]) => [key, String(value)]));
    return { ok: true, value: { values, metadata }, canonical: true };
  } catch (error) {
    return { ok: false, reason: `unreadable Parquet data: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await reader.close();
  }
}

function valueOfRecord(record: Record<string, unknown>): { ok: true; value: SnapshotValue } | { ok: false; reason: string } {
  const fields: Record<string, unknown> = {};
  for (const column of SNAPSHOT_COLUMNS) {
    const field = FIELD_OF_COLUMN[column];
    const cell = record[column];
    fields[field] = cell === undefined ? null : cell instanceof Date ? cell.toISOString() : typeof cell === 'bigint' ? Number(cell) : cell;
  }
  const result = snapshotValueSchema.safeParse(fields);
  if (!result.success) return { ok: false, reason: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  return { ok: true, value: result.data };
}
