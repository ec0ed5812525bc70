import type { KpiId, KpiUnit } from '@tandem/metrics';

export const SNAPSHOT_FORMAT = 'tandem.kpi-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;

/** How the window is cut: one row per KPI × scope for the whole window, or per calendar week or month. */
export type SnapshotBucket = 'window' | 'week' | 'month';

export interface SnapshotHeader {
  /** `[from, to)`, canonical ISO instants. */
  window: { from: string; to: string };
  bucket: SnapshotBucket;
  /** The history is every event recorded at or before this instant. */
  asOf: string;
  /** The highest global position recorded at or before `asOf`: where to replay from to check it. */
  eventStorePosition: number;
  /** How many distinct events that history holds. */
  eventCount: number;
  generatedBy: { name: string; version: string };
  /** What the numbers depend on beside the events: the calendar and the privacy threshold. */
  organization: { name: string; timezone: string; minGroupSize: number };
  /** The definition version used for each KPI (metrics.md: "each snapshot names the versions it used"). */
  definitions: Record<KpiId, number>;
  /** The teams with a row per KPI (slugs, sorted); the organisation always has one. */
  teams: string[];
}

/** One KPI for one scope over one window: a CSV row, a Parquet row, an element of `values`. */
export interface SnapshotValue {
  kpi: KpiId;
  version: number;
  scope: 'organization' | 'team';
  /** The team's slug; null for the organisation. */
  team: string | null;
  windowFrom: string;
  windowTo: string;
  /** Null when there is no sample or the value is suppressed; never 0 for "no data". */
  value: number | null;
  unit: KpiUnit;
  sampleSize: number;
  numerator: number | null;
  denominator: number | null;
  p90: number | null;
  mean: number | null;
  /** Privacy: a team below `minGroupSize` gets no value. */
  suppressed: boolean;
}

/** What the numbers could not see: how far to trust them. */
export interface SnapshotCoverage {
  /** Identities seen in events but linked to no configured person (their acts count for no team). */
  unresolvedIdentities: number;
  /** Incidents triggered (or, failing that, resolved) in the window, merged, declined and canceled ones left out. */
  incidents: number;
  /** Of those, the ones no service could be found for: they count for the organisation only. */
  incidentsWithoutService: number;
  /** Successful production deployments finished in the window. */
  productionDeployments: number;
  /** Of those, the ones shipping no known commit: no commit list and no merged pull request traced to them. */
  deploymentsWithoutCommits: number;
}

/** Everything the digest covers: the snapshot without its digest and signature. */
export interface SnapshotContent {
  format: typeof SNAPSHOT_FORMAT;
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  header: SnapshotHeader;
  values: SnapshotValue[];
  coverage: SnapshotCoverage;
}

export interface SnapshotDigest {
  algorithm: 'sha256';
  /** Lower-case hex SHA-256 of the canonical JSON of the content. */
  value: string;
}

export interface SnapshotSignature {
  algorithm: 'hmac-sha256';
  keyId: string;
  /** Lower-case hex HMAC-SHA256, with the signing key, of the same canonical JSON. */
  value: string;
}

/** An immutable, reproducible record of every KPI for every team and the organisation over a window. */
export interface KpiSnapshot extends SnapshotContent {
  digest: SnapshotDigest;
  signature: SnapshotSignature;
}

export interface SigningKey {
  key: string;
  keyId: string;
}
