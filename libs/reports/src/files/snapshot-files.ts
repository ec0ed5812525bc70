import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { encodeSnapshot, SIDECAR_SUFFIX, type SnapshotFormat } from '../snapshot/encode-snapshot';
import type { KpiSnapshot } from '../snapshot/snapshot-types';
import { verifySnapshotBytes, type SnapshotBytes, type SnapshotVerification } from '../snapshot/verify-snapshot';
import { ReportsError } from '../reports-error';

/** Writes an export's files into `dir` (created if missing); answers their paths, the data file first. */
export async function writeSnapshotFiles(snapshot: KpiSnapshot, format: SnapshotFormat, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const file of await encodeSnapshot(snapshot, format)) {
    const path = join(dir, file.name);
    // Written aside then renamed: a reader never sees half a snapshot under the final name.
    const partial = `${path}.partial`;
    await writeFile(partial, file.bytes);
    await rename(partial, path);
    paths.push(path);
  }
  return paths;
}

/**
 * Verifies an exported file: `X.json`; `X.csv` or `X.parquet` with `X.csv.sig.json` beside it (the
 * signature file may be named instead of the data file).
 */
export async function verifySnapshotFile(path: string, key: string): Promise<SnapshotVerification> {
  const dataPath = path.endsWith(SIDECAR_SUFFIX) ? path.slice(0, -SIDECAR_SUFFIX.length) : path;
  const format = extname(dataPath).slice(1);
  const bytes = await readExisting(dataPath);
  if (format === 'json') return verifySnapshotBytes({ format, bytes }, key);
  if (format !== 'csv' && format !== 'parquet') {
    throw new ReportsError('REPORTS_UNKNOWN_FORMAT', `${path} is not a snapshot export: expected a .json, .csv or .parquet file.`);
  }
  const sidecarPath = `${dataPath}${SIDECAR_SUFFIX}`;
  const sidecar = await readExisting(sidecarPath, `${basename(dataPath)} has no signature file beside it: ${sidecarPath} is missing.`);
  const file: SnapshotBytes = { format, bytes, sidecar };
  return verifySnapshotBytes(file, key);
}

async function readExisting(path: string, missing = `${path} does not exist.`): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ReportsError('REPORTS_FILE_NOT_FOUND', missing, { cause: error });
    throw error;
  }
}
