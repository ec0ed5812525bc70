import { KPI_IDS } from '@tandem/metrics';
import { z } from 'zod';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from './snapshot-types';

/**
 * The runtime check of a snapshot read back from a file: `verify` must refuse anything that is
 * not one before it trusts a field. The published JSON Schema
 * (libs/reports/schema/kpi-snapshot.v1.schema.json) says the same for other tools; a test keeps
 * the two in agreement on real snapshots.
 */
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().min(0);
const nullableNumber = z.number().nullable();
const kpiId = z.enum(KPI_IDS);

export const snapshotHeaderSchema = z.strictObject({
  window: z.strictObject({ from: instant, to: instant }),
  bucket: z.enum(['window', 'week', 'month']),
  asOf: instant,
  eventStorePosition: count,
  eventCount: count,
  generatedBy: z.strictObject({ name: z.string(), version: z.string() }),
  organization: z.strictObject({ name: z.string(), timezone: z.string(), minGroupSize: count }),
  definitions: z.record(kpiId, z.number().int().min(1)),
  teams: z.array(z.string()),
});

export const snapshotValueSchema = z.strictObject({
  kpi: kpiId,
  version: z.number().int().min(1),
  scope: z.enum(['organization', 'team']),
  team: z.string().nullable(),
  windowFrom: instant,
  windowTo: instant,
  value: nullableNumber,
  unit: z.enum(['seconds', 'ratio', 'count']),
  sampleSize: count,
  numerator: nullableNumber,
  denominator: nullableNumber,
  p90: nullableNumber,
  mean: nullableNumber,
  suppressed: z.boolean(),
});

export const snapshotCoverageSchema = z.strictObject({
  unresolvedIdentities: count,
  incidents: count,
  incidentsWithoutService: count,
  productionDeployments: count,
  deploymentsWithoutCommits: count,
});

const digestSchema = z.strictObject({ algorithm: z.literal('sha256'), value: hex64 });
const signatureSchema = z.strictObject({ algorithm: z.literal('hmac-sha256'), keyId: z.string().min(1), value: hex64 });

const sealed = {
  format: z.literal(SNAPSHOT_FORMAT),
  formatVersion: z.literal(SNAPSHOT_FORMAT_VERSION),
  header: snapshotHeaderSchema,
  coverage: snapshotCoverageSchema,
  digest: digestSchema,
  signature: signatureSchema,
};

export const kpiSnapshotSchema = z.strictObject({ ...sealed, values: z.array(snapshotValueSchema) });

/** The signature file beside a CSV or Parquet export: the seal and everything but the rows. */
export const snapshotSidecarSchema = z.strictObject({
  ...sealed,
  file: z.strictObject({ name: z.string(), format: z.enum(['csv', 'parquet']), sha256: hex64, rows: count }),
});

export type SnapshotSidecar = z.infer<typeof snapshotSidecarSchema>;
