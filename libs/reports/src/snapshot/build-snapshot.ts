import type { CanonicalEvent } from '@tandem/contracts';
import { buildMetricModel, calendarBuckets, computeKpis, foldEvents, KPI_IDS, kpiDefinition, type KpiId, type KpiScope, type KpiValue } from '@tandem/metrics';
import { coverageOf, type MillisWindow } from '../shared/coverage';
import { historyUpTo } from '../shared/history';
import { fixedOrNull } from '../shared/numbers';
import { isoWindow, resolveWindow, teamsDuring } from '../shared/window';
import { SNAPSHOT_GENERATOR } from './generator';
import { sealSnapshot } from './seal';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, type KpiSnapshot, type SnapshotBucket, type SnapshotValue } from './snapshot-types';

export interface SnapshotInput {
  /** The store's events, in any order, duplicates allowed; those recorded after `asOf` are left out. */
  events: readonly CanonicalEvent[];
  /** ISO instant; default: the latest recordedAt among the events. Never the wall clock. */
  asOf?: string;
  from: string;
  to: string;
  /** Default: one row per KPI × scope for the whole window; else per calendar week (from Monday) or month of the organisation. */
  bucket?: Exclude<SnapshotBucket, 'window'>;
  signingKey: string;
  keyId: string;
  /** Definition version per KPI (a replay under an older definition); default: the latest. */
  versions?: Partial<Record<KpiId, number>>;
}

/**
 * Every KPI for the organisation and every team over a window, sealed. A pure function of its
 * input: the same events (in any order) with the same asOf and key give the same snapshot, and so
 * the same bytes in every format.
 */
export function buildSnapshot(input: SnapshotInput): KpiSnapshot {
  const history = historyUpTo(input.events, input.asOf);
  const { directory } = history;
  const window = resolveWindow(input.from, input.to);
  const model = buildMetricModel(foldEvents(history.events), directory);
  const teams = teamsDuring(directory, window.millis);
  const scopes: KpiScope[] = [{ kind: 'organization' }, ...teams.map((team): KpiScope => ({ kind: 'team', team }))];
  const bucket = input.bucket ?? 'window';
  const windows = bucket === 'window' ? [window.millis] : calendarBuckets(window.millis, bucket, directory.settings.timezone).map((part) => clip(part, window.millis));

  const values = windows.flatMap((part) => computeKpis(model, { directory, window: isoWindow(part), scopes, versions: input.versions }).map(snapshotValueOf));
  const settings = directory.settings;
  return sealSnapshot(
    {
      format: SNAPSHOT_FORMAT,
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      header: {
        window: window.iso,
        bucket,
        asOf: history.asOf,
        eventStorePosition: history.position,
        eventCount: history.events.length,
        generatedBy: { ...SNAPSHOT_GENERATOR },
        organization: { name: settings.name, timezone: settings.timezone, minGroupSize: settings.minGroupSize },
        definitions: definitionVersions(input.versions),
        teams,
      },
      values,
      coverage: coverageOf(model, directory, window.millis),
    },
    { key: input.signingKey, keyId: input.keyId },
  );
}

/** The first and last calendar buckets are cut to the window, so the rows partition it. */
function clip(part: MillisWindow, window: MillisWindow): MillisWindow {
  return { from: Math.max(part.from, window.from), to: Math.min(part.to, window.to) };
}

function definitionVersions(versions: Partial<Record<KpiId, number>> | undefined): Record<KpiId, number> {
  return Object.fromEntries(KPI_IDS.map((id) => [id, kpiDefinition(id, versions?.[id]).version])) as Record<KpiId, number>;
}

export function snapshotValueOf(value: KpiValue): SnapshotValue {
  if (value.scope.kind !== 'organization' && value.scope.kind !== 'team') throw new TypeError(`a snapshot has organisation and team rows, not ${value.scope.kind}`);
  return {
    kpi: value.kpi,
    version: value.version,
    scope: value.scope.kind,
    team: value.scope.kind === 'team' ? value.scope.team : null,
    windowFrom: value.window.from,
    windowTo: value.window.to,
    value: fixedOrNull(value.value),
    unit: value.unit,
    sampleSize: value.sampleSize,
    numerator: fixedOrNull(value.numerator),
    denominator: fixedOrNull(value.denominator),
    p90: fixedOrNull(value.p90),
    mean: fixedOrNull(value.mean),
    suppressed: value.suppressed,
  };
}

