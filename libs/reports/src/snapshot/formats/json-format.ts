import { canonicalJsonLines } from '../../shared/canonical-json';
import { kpiSnapshotSchema } from '../snapshot-schema';
import type { KpiSnapshot, SnapshotValue } from '../snapshot-types';
import { snapshotValueJson } from '../value-json';
import { parseJson, type Decoded } from './decoded';

/** The JSON file: the whole snapshot, keys sorted, one value per line. Its bytes follow from the content. */
export function encodeSnapshotJson(snapshot: KpiSnapshot): Buffer {
  // `values` is the only top-level array: its elements are value rows.
  return Buffer.from(canonicalJsonLines(snapshot, (row) => snapshotValueJson(row as SnapshotValue)), 'utf8');
}

/**
 * The snapshot in a JSON file, and whether the file is byte for byte what `encodeSnapshotJson`
 * writes for it: a change that leaves the content alone (a space, a reordered key) is still a
 * change to a sealed file.
 */
export function decodeSnapshotJson(bytes: Buffer): Decoded<KpiSnapshot> {
  const parsed = parseJson(bytes, kpiSnapshotSchema);
  if (!parsed.ok) return parsed;
  const snapshot = parsed.value as KpiSnapshot;
  return { ok: true, value: snapshot, canonical: encodeSnapshotJson(snapshot).equals(bytes) };
}
