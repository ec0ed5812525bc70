import { canonicalJsonLines } from '../shared/canonical-json';
import { decodeSnapshotCsv } from './formats/csv-format';
import { parseJson } from './formats/decoded';
import { decodeSnapshotJson } from './formats/json-format';
import { decodeSnapshotParquet } from './formats/parquet-format';
import { checkSeal, sha256Hex } from './seal';
import { snapshotSidecarSchema, type SnapshotSidecar } from './snapshot-schema';
import type { KpiSnapshot, SnapshotValue } from './snapshot-types';

export type SnapshotVerification =
  | { status: 'valid'; snapshot: KpiSnapshot }
  /** The bytes are not the ones sealed at export: the file (or its signature file) was changed. */
  | { status: 'digest_mismatch'; detail: string }
  /** The content is as sealed, but not sealed with this key. */
  | { status: 'signature_mismatch'; keyId: string }
  /** Not a snapshot at all (or damaged past reading). */
  | { status: 'unreadable'; reason: string };

export type SnapshotBytes = { format: 'json'; bytes: Buffer } | { format: 'csv' | 'parquet'; bytes: Buffer; sidecar: Buffer };

/** Checks an exported file against its digest and its signature with `key`. Pure: bytes in, verdict out. */
export async function verifySnapshotBytes(file: SnapshotBytes, key: string): Promise<SnapshotVerification> {
  if (file.format === 'json') {
    const decoded = decodeSnapshotJson(file.bytes);
    if (!decoded.ok) return { status: 'unreadable', reason: decoded.reason };
    if (!decoded.canonical) return { status: 'digest_mismatch', detail: 'the file is not byte for byte as exported' };
    return verdict(decoded.value, key);
  }
  const sidecar = parseJson(file.sidecar, snapshotSidecarSchema);
  if (!sidecar.ok) return { status: 'unreadable', reason: `signature file: ${sidecar.reason}` };
  if (sidecar.value.file.format !== file.format) return { status: 'unreadable', reason: `the signature file is for a ${sidecar.value.file.format} file` };
  if (canonicalJsonLines(sidecar.value) !== file.sidecar.toString('utf8')) return { status: 'digest_mismatch', detail: 'the signature file is not byte for byte as exported' };
  if (sha256Hex(file.bytes) !== sidecar.value.file.sha256) return { status: 'digest_mismatch', detail: 'the file’s SHA-256 differs from the one recorded at export' };
  const values = await decodeRows(file.format, file.bytes);
  if (!values.ok) return { status: 'unreadable', reason: values.reason };
  if (values.value.length !== sidecar.value.file.rows) return { status: 'digest_mismatch', detail: `${values.value.length} rows, ${sidecar.value.file.rows} exported` };
  return verdict(snapshotOf(sidecar.value, values.value), key);
}

async function decodeRows(format: 'csv' | 'parquet', bytes: Buffer): Promise<{ ok: true; value: SnapshotValue[] } | { ok: false; reason: string }> {
  if (format === 'csv') return decodeSnapshotCsv(bytes);
  const decoded = await decodeSnapshotParquet(bytes);
  return decoded.ok ? { ok: true, value: decoded.value.values } : decoded;
}

function snapshotOf(sidecar: SnapshotSidecar, values: SnapshotValue[]): KpiSnapshot {
  const { format, formatVersion, header, coverage, digest, signature } = sidecar;
  return { format, formatVersion, header, coverage, digest, signature, values };
}

function verdict(snapshot: KpiSnapshot, key: string): SnapshotVerification {
  switch (checkSeal(snapshot, snapshot.digest, snapshot.signature, key)) {
    case 'ok':
      return { status: 'valid', snapshot };
    case 'digest_mismatch':
      return { status: 'digest_mismatch', detail: 'the content’s SHA-256 differs from the digest sealed at export' };
    case 'signature_mismatch':
      return { status: 'signature_mismatch', keyId: snapshot.signature.keyId };
  }
}
