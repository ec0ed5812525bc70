import type { EventStore } from '@tandem/eventstore';
import { readAllEvents } from '../files/read-history';
import { writeSnapshotFiles } from '../files/snapshot-files';
import { canonicalInstant } from '../shared/instants';
import { resolveWindow } from '../shared/window';
import { buildSnapshot } from '../snapshot/build-snapshot';
import type { SnapshotFormat } from '../snapshot/encode-snapshot';
import type { KpiSnapshot, SnapshotBucket } from '../snapshot/snapshot-types';

export interface SnapshotExportRequest {
  from: string;
  to: string;
  asOf?: string;
  bucket?: Exclude<SnapshotBucket, 'window'>;
  formats: readonly SnapshotFormat[];
  /** The folder (created if missing). */
  out: string;
  signing: { key: string; keyId: string };
}

/**
 * A signed snapshot of the store written to a folder in each format: what `tandem export`, the
 * `exportSnapshot` mutation and the reporter's daily job all run. The request is checked before
 * the store is read (a typo should not cost a full read); a bad one throws a ReportsError.
 */
export async function exportSnapshotFiles(eventStore: Pick<EventStore, 'readAll'>, request: SnapshotExportRequest): Promise<{ paths: string[]; snapshot: KpiSnapshot }> {
  resolveWindow(request.from, request.to);
  if (request.asOf !== undefined) canonicalInstant(request.asOf, '--as-of');
  const events = await readAllEvents(eventStore);
  const snapshot = buildSnapshot({ events, from: request.from, to: request.to, asOf: request.asOf, bucket: request.bucket, signingKey: request.signing.key, keyId: request.signing.keyId });
  const paths: string[] = [];
  for (const format of request.formats) paths.push(...(await writeSnapshotFiles(snapshot, format, request.out)));
  return { paths, snapshot };
}
