import type { Directory } from '@tandem/directory';
import type { MetricModel } from '../model/metric-model';
import type { MillisWindow } from '../shared/millis';
import { teamSizeAt } from '../shared/team-size-at';
import { mean, percentileCont } from '../shared/statistics';
import { teamsOfScope, type CollectContext, type KpiSample } from './kpi-sample';
import { ScopedSamples } from './scoped-samples';
import type { KpiContext, KpiExtras, KpiId, KpiScope, KpiUnit, KpiValue } from './kpi-types';
import { millisWindowOf } from './kpi-window';

/**
 * How samples become a value: `median` of their durations (PERCENTILE_CONT(0.5), with p90 and
 * mean), `rate` counted ÷ all, `count` of the counted ones, `budget_ratio` Σ impact ÷ Σ budget.
 */
export type Aggregation = 'median' | 'rate' | 'count' | 'budget_ratio';

export interface ExtrasContext {
  directory: Directory;
  scope: KpiScope;
  window: MillisWindow;
}

/** One version of one KPI, as written in metrics.md. */
export interface KpiSpec<Id extends KpiId = KpiId> {
  id: Id;
  version: number;
  unit: KpiUnit;
  aggregation: Aggregation;
  /** The definition in words (metrics.md), shown by explanations. */
  definition: string;
  /** The samples of the window, for every scope at once. */
  collect(context: CollectContext): KpiSample[];
  extras?(samples: readonly KpiSample[], context: ExtrasContext): KpiExtras;
}

/**
 * One KPI's samples of one window, collected once for every scope: what a read model keeps to
 * answer many scopes of the same (model, definition, window) without collecting again.
 */
export interface CollectedSamples {
  readonly window: MillisWindow;
  /** How many samples: the collection's size, for a cache's bound. */
  readonly size: number;
  readonly scoped: ScopedSamples;
}

export interface KpiDefinition<Id extends KpiId = KpiId> extends KpiSpec<Id> {
  compute(model: MetricModel, context: KpiContext): KpiValue;
  /** The window's samples for every scope; `computeFrom` cuts one out. Same values as `compute`. */
  collectScopes(model: MetricModel, context: Omit<KpiContext, 'scope'>): CollectedSamples;
  /** A scope's value from samples `collectScopes` collected for the same window (context.window). */
  computeFrom(collected: CollectedSamples, context: KpiContext): KpiValue;
  /** The value of each scope, collecting the window's samples once (reports, dashboards). */
  computeScopes(model: MetricModel, context: Omit<KpiContext, 'scope'>, scopes: readonly KpiScope[]): KpiValue[];
  /** The scope's samples with its value: what `explainKpi` shows. */
  samplesOf(model: MetricModel, context: KpiContext): { value: KpiValue; samples: KpiSample[] };
}

type Aggregate = Pick<KpiValue, 'value' | 'sampleSize' | 'numerator' | 'denominator' | 'p90' | 'mean'>;

function aggregate(samples: readonly KpiSample[], aggregation: Aggregation): Aggregate {
  switch (aggregation) {
    case 'median': {
      // Samples without a duration (an unacknowledged incident) are in the unit, not the median.
      const durations = samples.flatMap((sample) => (sample.value === null ? [] : [sample.value]));
      return { value: percentileCont(durations, 0.5), sampleSize: durations.length, p90: percentileCont(durations, 0.9), mean: mean(durations) };
    }
    case 'rate': {
      const numerator = samples.filter((sample) => sample.counted).length;
      return { value: samples.length === 0 ? null : numerator / samples.length, sampleSize: samples.length, numerator, denominator: samples.length };
    }
    case 'count':
      return { value: samples.length === 0 ? null : samples.filter((sample) => sample.counted).length, sampleSize: samples.length };
    case 'budget_ratio': {
      const numerator = samples.reduce((sum, sample) => sum + (sample.value ?? 0), 0);
      const denominator = samples.reduce((sum, sample) => sum + (sample.weight ?? 0), 0);
      return { value: denominator > 0 ? numerator / denominator : null, sampleSize: samples.length, numerator, denominator };
    }
  }
}

/** Privacy (metrics.md): a team with fewer than `minGroupSize` people at the window's last instant. */
function isSuppressed(scope: KpiScope, directory: Directory, window: MillisWindow): boolean {
  const lastInstant = window.to - 1;
  return teamsOfScope(scope).some((team) => teamSizeAt(directory, team, lastInstant) < directory.settings.minGroupSize);
}

function valueOf<Id extends KpiId>(
  spec: KpiSpec<Id>,
  scoped: ScopedSamples,
  context: KpiContext,
  window: MillisWindow,
): { value: KpiValue; samples: KpiSample[] } {
  const base = { kpi: spec.id, version: spec.version, scope: context.scope, window: context.window, unit: spec.unit };
  if (isSuppressed(context.scope, context.directory, window)) {
    // Nothing that could single out a person of a small team: no value, no counts, no facts.
    return { value: { ...base, value: null, sampleSize: 0, suppressed: true, contributors: [] }, samples: [] };
  }
  const samples = scoped.of(context.scope);
  const contributors = scoped.contributorsOf(samples);
  const extras = spec.extras?.(samples, { directory: context.directory, scope: context.scope, window });
  return { value: { ...base, ...aggregate(samples, spec.aggregation), suppressed: false, ...(extras ? { extras } : {}), contributors }, samples };
}

/** A definition from its spec: collection, scoping, aggregation and privacy are the same for all. */
export function defineKpi<Id extends KpiId>(spec: KpiSpec<Id>): KpiDefinition<Id> {
  const collect = (model: MetricModel, directory: Directory, window: MillisWindow) => spec.collect({ model, directory, window });
  const collectScopes = (model: MetricModel, context: Omit<KpiContext, 'scope'>, manyScopes: boolean): CollectedSamples => {
    const window = millisWindowOf(context.window);
    const samples = collect(model, context.directory, window);
    return { window, size: samples.length, scoped: new ScopedSamples(samples, manyScopes) };
  };
  return {
    ...spec,
    compute(model, context) {
      const window = millisWindowOf(context.window);
      return valueOf(spec, new ScopedSamples(collect(model, context.directory, window), false), context, window).value;
    },
    collectScopes: (model, context) => collectScopes(model, context, true),
    computeFrom: (collected, context) => valueOf(spec, collected.scoped, context, collected.window).value,
    computeScopes(model, context, scopes) {
      const collected = collectScopes(model, context, scopes.length > 1);
      return scopes.map((scope) => valueOf(spec, collected.scoped, { ...context, scope }, collected.window).value);
    },
    samplesOf(model, context) {
      const window = millisWindowOf(context.window);
      return valueOf(spec, new ScopedSamples(collect(model, context.directory, window), false), context, window);
    },
  };
}
