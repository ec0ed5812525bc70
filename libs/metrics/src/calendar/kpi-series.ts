import { kpiDefinition } from '../kpis/kpi-definitions';
import type { KpiContext, KpiId, KpiValue } from '../kpis/kpi-types';
import { kpiWindowOf, millisWindowOf } from '../kpis/kpi-window';
import type { MetricModel } from '../model/metric-model';
import { calendarBuckets, clipToWindow, type Granularity } from './calendar-buckets';

export interface KpiSeriesPoint {
  /** The bucket's label on the organisation's calendar (`2026-03-02`, `2026-03`). */
  bucket: string;
  value: KpiValue;
}

/**
 * A KPI per calendar bucket (day, week from Monday, month) of the organisation's time zone; the
 * first and last buckets are cut to the window, so the points partition it.
 */
export function kpiSeries(id: KpiId, model: MetricModel, context: KpiContext & { granularity: Granularity }, version?: number): KpiSeriesPoint[] {
  const definition = kpiDefinition(id, version);
  const window = millisWindowOf(context.window);
  return calendarBuckets(window, context.granularity, context.directory.settings.timezone).map((bucket) => {
    const part = clipToWindow(bucket, window);
    return { bucket: bucket.label, value: definition.compute(model, { directory: context.directory, scope: context.scope, window: kpiWindowOf(part) }) };
  });
}
