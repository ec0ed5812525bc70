import type { SnapshotValue } from '../snapshot-types';

/**
 * The columns of the CSV and Parquet exports, in their published order: one row per KPI × scope
 * × window. New columns are only ever added at the end (readers may address columns by position).
 */
export const SNAPSHOT_COLUMNS = [
  'kpi',
  'version',
  'scope',
  'team',
  'window_from',
  'window_to',
  'value',
  'unit',
  'sample_size',
  'numerator',
  'denominator',
  'p90',
  'mean',
  'suppressed',
] as const;

export type SnapshotColumn = (typeof SNAPSHOT_COLUMNS)[number];

/** Which field of a value each column carries. */
export const FIELD_OF_COLUMN: { readonly [Column in SnapshotColumn]: keyof SnapshotValue } = {
  kpi: 'kpi',
  version: 'version',
  scope: 'scope',
  team: 'team',
  window_from: 'windowFrom',
  window_to: 'windowTo',
  value: 'value',
  unit: 'unit',
  sample_size: 'sampleSize',
  numerator: 'numerator',
  denominator: 'denominator',
  p90: 'p90',
  mean: 'mean',
  suppressed: 'suppressed',
};
