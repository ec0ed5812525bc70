import { canonicalJson, canonicalJsonLines } from '../shared/canonical-json';
import { compactInstant } from '../shared/instants';
import { encodeSnapshotCsv } from './formats/csv-format';
import { encodeSnapshotJson } from './formats/json-format';
import { encodeSnapshotParquet } from './formats/parquet-format';
import { sha256Hex } from './seal';
import type { SnapshotSidecar } from './snapshot-schema';
import type { KpiSnapshot, SnapshotHeader } from './snapshot-types';

export const SNAPSHOT_FORMATS = ['json', 'csv', 'parquet'] as const;
export type SnapshotFormat = (typeof SNAPSHOT_FORMATS)[number];

export function isSnapshotFormat(text: string): text is SnapshotFormat {
  return (SNAPSHOT_FORMATS as readonly string[]).includes(text);
}

/** A file to write: a name (no folder) and its bytes. */
export interface SnapshotFile {
  name: string;
  bytes: Buffer;
}

export const SIDECAR_SUFFIX = '.sig.json';

/**
 * `kpi-snapshot_20260101T000000Z_20260401T000000Z_asof-20260401T120000Z[_week]`: the window, the
 * history and the cut name the file, so re-exporting the same snapshot writes the same name.
 */
export function snapshotBaseName(header: SnapshotHeader): string {
  const bucket = header.bucket === 'window' ? '' : `_${header.bucket}`;
  return `kpi-snapshot_${compactInstant(header.window.from)}_${compactInstant(header.window.to)}_asof-${compactInstant(header.asOf)}${bucket}`;
}

/**
 * The files of one export. JSON is one self-sealed file. CSV and Parquet carry the rows only, and
 * the seal goes in a `<file>.sig.json` beside them (a sidecar rather than extra columns: the rows
 * stay plain data every tool reads, and one signature covers the whole file, not each row). The
 * seal is the same in every format: it is over the content, not the bytes of one layout.
 */
export async function encodeSnapshot(snapshot: KpiSnapshot, format: SnapshotFormat): Promise<SnapshotFile[]> {
  const base = snapshotBaseName(snapshot.header);
  switch (format) {
    case 'json':
      return [{ name: `${base}.json`, bytes: encodeSnapshotJson(snapshot) }];
    case 'csv':
      return withSidecar(snapshot, { name: `${base}.csv`, bytes: encodeSnapshotCsv(snapshot.values) }, 'csv');
    case 'parquet': {
      const metadata = {
        'tandem.snapshot.format': `${snapshot.format}/${snapshot.formatVersion}`,
        'tandem.snapshot.header': canonicalJson(snapshot.header),
        'tandem.snapshot.digest': `${snapshot.digest.algorithm}:${snapshot.digest.value}`,
        'tandem.snapshot.keyId': snapshot.signature.keyId,
      };
      return withSidecar(snapshot, { name: `${base}.parquet`, bytes: await encodeSnapshotParquet(snapshot.values, metadata) }, 'parquet');
    }
  }
}

function withSidecar(snapshot: KpiSnapshot, data: SnapshotFile, format: 'csv' | 'parquet'): SnapshotFile[] {
  const { format: snapshotFormat, formatVersion, header, coverage, digest, signature } = snapshot;
  const sidecar: SnapshotSidecar = {
    format: snapshotFormat,
    formatVersion,
    header,
    coverage,
    digest,
    signature,
    file: { name: data.name, format, sha256: sha256Hex(data.bytes), rows: snapshot.values.length },
  };
  return [data, { name: `${data.name}${SIDECAR_SUFFIX}`, bytes: Buffer.from(canonicalJsonLines(sidecar), 'utf8') }];
}
