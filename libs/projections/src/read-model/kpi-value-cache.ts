import type { Directory } from '@tandem/directory';
import {
  kpiDefinition,
  seriesWindows,
  type CollectedSamples,
  type Granularity,
  type KpiId,
  type KpiScope,
  type KpiSeriesPoint,
  type KpiValue,
  type KpiWindow,
  type MetricModel,
} from '@tandem/metrics';
import { LRUCache } from 'lru-cache';

/** A model with its directory: a snapshot of the read models, or an as-of model. */
export interface ModelView {
  directory: Directory;
  model: MetricModel;
}

/** One KPI under one definition version in one window. */
export interface KpiAsk {
  id: KpiId;
  version: number;
  window: KpiWindow;
}

/** What was asked: values of some scopes, or one scope's series. */
type RecentAsk = { kind: 'values'; ask: KpiAsk; scopes: Map<string, KpiScope> } | { kind: 'series'; ask: KpiAsk; granularity: Granularity; scope: KpiScope };

/** Samples kept per model, counted in samples: a year's window of a 500-person organisation is ~10⁴. */
const MAX_SAMPLES_PER_MODEL = 2_000_000;
const MAX_VALUES_PER_MODEL = 50_000;
const MAX_SERIES_PER_MODEL = 5_000;
/** (KPI, version, window) asks remembered for warming the next snapshot: a few dashboards' worth, asked in the last minutes. */
const MAX_RECENT_ASKS = 1_024;
const RECENT_ASK_MS = 10 * 60_000;

/** The caches of one model: they live and die with it (a WeakMap entry), so a new checkpoint starts empty. */
class ModelCaches {
  readonly samples = new LRUCache<string, CollectedSamples>({ maxSize: MAX_SAMPLES_PER_MODEL, sizeCalculation: (collected) => collected.size + 1 });
  readonly values = new LRUCache<string, KpiValue>({ max: MAX_VALUES_PER_MODEL });
  readonly series = new LRUCache<string, readonly KpiSeriesPoint[]>({ max: MAX_SERIES_PER_MODEL });
}

/**
 * KPI values computed from an immutable model, kept for as long as the model lives.
 *
 * The metrics core collects a KPI's samples of a window for every scope at once and then cuts a
 * scope out; a dashboard asks ~200 (KPI, window) pairs per page view (its series' weeks), each a
 * pass over the model. Those samples serve every scope, so they are kept per (KPI, version,
 * window), and each scope's value beside them, and each series whole: a page asked again, for the
 * same or another team, costs look-ups. The values are the core's own (`collectScopes` then
 * `computeFrom` is `compute`): nothing is approximated, and nothing is shared between models, so a
 * new checkpoint or an as-of instant never sees another model's numbers. Kept values are shared
 * between callers: never modify them.
 *
 * It also remembers what the latest snapshot was asked recently, so that the next snapshot can be
 * warmed with it before it answers (`warm`).
 */
export class KpiValueCache {
  private readonly models = new WeakMap<MetricModel, ModelCaches>();
  private readonly recent = new LRUCache<string, RecentAsk>({ max: MAX_RECENT_ASKS, ttl: RECENT_ASK_MS, updateAgeOnGet: true });

  /** The KPI's value for each scope, in order; `remember` records the ask for warming the next snapshot. */
  values(view: ModelView, ask: KpiAsk, scopes: readonly KpiScope[], remember: boolean): KpiValue[] {
    const caches = this.cachesOf(view.model);
    const askKey = askKeyOf(ask);
    const values = scopes.map((scope) => this.valueOf(view, caches, ask, askKey, scope));
    if (remember) this.rememberValues(askKey, ask, scopes);
    return values;
  }

  /**
   * The KPI per calendar bucket of the window (`seriesWindows`), in the scope; each point is the
   * bucket's value as `values` gives it. Always remembered (series are the latest snapshot's).
   */
  series(view: ModelView, ask: KpiAsk, granularity: Granularity, scope: KpiScope): readonly KpiSeriesPoint[] {
    const caches = this.cachesOf(view.model);
    const seriesKey = `${askKeyOf(ask)}|${granularity}|${scopeKeyOf(scope)}`;
    let points = caches.series.get(seriesKey);
    if (points === undefined) {
      points = seriesWindows(ask.window, granularity, view.directory.settings.timezone).map(({ bucket, window }) => {
        const bucketAsk = { id: ask.id, version: ask.version, window };
        return { bucket, value: this.valueOf(view, caches, bucketAsk, askKeyOf(bucketAsk), scope) };
      });
      caches.series.set(seriesKey, points);
    }
    // A get counts as asked now (updateAgeOnGet).
    if (this.recent.get(seriesKey) === undefined) this.recent.set(seriesKey, { kind: 'series', ask, granularity, scope });
    return points;
  }

  /**
   * Computes what was asked recently (most recent first) from another model, a little at a time so
   * that queries keep being answered from the current one meanwhile.
   */
  async warm(view: ModelView, yieldEveryMs = 10): Promise<void> {
    const caches = this.cachesOf(view.model);
    let since = performance.now();
    for (const [key, recent] of [...this.recent.entries()]) {
      if (recent.kind === 'series') this.series(view, recent.ask, recent.granularity, recent.scope);
      else for (const scope of recent.scopes.values()) this.valueOf(view, caches, recent.ask, key, scope);
      if (performance.now() - since >= yieldEveryMs) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
  }

  private valueOf(view: ModelView, caches: ModelCaches, ask: KpiAsk, askKey: string, scope: KpiScope): KpiValue {
    const valueKey = `${askKey}|${scopeKeyOf(scope)}`;
    let value = caches.values.get(valueKey);
    if (value === undefined) {
      const definition = kpiDefinition(ask.id, ask.version);
      let collected = caches.samples.get(askKey);
      if (collected === undefined) {
        collected = definition.collectScopes(view.model, { directory: view.directory, window: ask.window });
        caches.samples.set(askKey, collected);
      }
      value = definition.computeFrom(collected, { directory: view.directory, scope, window: ask.window });
      caches.values.set(valueKey, value);
    }
    return value;
  }

  private rememberValues(askKey: string, ask: KpiAsk, scopes: readonly KpiScope[]): void {
    // A get counts as asked now (updateAgeOnGet): remembered for another RECENT_ASK_MS.
    let recent = this.recent.get(askKey);
    if (recent?.kind !== 'values') this.recent.set(askKey, (recent = { kind: 'values', ask, scopes: new Map() }));
    for (const scope of scopes) recent.scopes.set(scopeKeyOf(scope), scope);
  }

  private cachesOf(model: MetricModel): ModelCaches {
    let caches = this.models.get(model);
    if (caches === undefined) this.models.set(model, (caches = new ModelCaches()));
    return caches;
  }
}

function askKeyOf(ask: KpiAsk): string {
  return `${ask.id}|${ask.version}|${ask.window.from}|${ask.window.to}`;
}

function scopeKeyOf(scope: KpiScope): string {
  switch (scope.kind) {
    case 'organization':
      return 'organization';
    case 'team':
      return `team:${scope.team}`;
    case 'team_pair':
      return `team_pair:${scope.teams[0]}|${scope.teams[1]}`;
    case 'service':
      return `service:${scope.service}`;
  }
}
