import { kpiDefinition } from '../kpis/kpi-definitions';
import type { KpiContext, KpiId, KpiValue, KpiWindow } from '../kpis/kpi-types';
import { kpiWindowOf, millisWindowOf } from '../kpis/kpi-window';
import type { MetricModel } from '../model/metric-model';
import { calendarBuckets, clipToWindow, type Granularity } from './calendar-buckets';

export interface KpiSeriesPoint {
  /** The bucket's label on the organisation's calendar (`2026-03-02`, `2026-03`). */
  bucket: string;
  value: KpiValue;
}

/** One point's window: a calendar bucket cut to the series' window. */
export interface SeriesWindow {
  bucket: string;
  window: KpiWindow;
}

/** Windows asked recently, then the memory starts over: a dashboard asks the same few again and again. */
const MAX_REMEMBERED_SERIES = 256;
const rememberedWindows = new Map<string, readonly SeriesWindow[]>();

/**
 * The points' windows of a series: the calendar buckets (day, week from Monday, month) of the
 * time zone that overlap the window, the first and last cut to it, so that they partition it.
 * Remembered per (window, granularity, zone): the time-zone arithmetic costs more than the answer.
 */
export function seriesWindows(window: KpiWindow, granularity: Granularity, timeZone: string): readonly SeriesWindow[] {
  const key = `${window.from}|${window.to}|${granularity}|${timeZone}`;
  let windows = rememberedWindows.get(key);
  if (windows === undefined) {
    const millis = millisWindowOf(window);
    windows = calendarBuckets(millis, granularity, timeZone).map((bucket) => ({ bucket: bucket.label, window: kpiWindowOf(clipToWindow(bucket, millis)) }));
    if (rememberedWindows.size >= MAX_REMEMBERED_SERIES) rememberedWindows.clear();
    rememberedWindows.set(key, windows);
  }
  return windows;
}

/**
 * A KPI per calendar bucket (day, week from Monday, month) of the organisation's time zone; the
 * first and last buckets are cut to the window, so the points partition it.
 */
export function kpiSeries(id: KpiId, model: MetricModel, context: KpiContext & { granularity: Granularity }, version?: number): KpiSeriesPoint[] {
  const definition = kpiDefinition(id, version);
  return seriesWindows(context.window, context.granularity, context.directory.settings.timezone).map(({ bucket, window }) => ({
    bucket,
    value: definition.compute(model, { directory: context.directory, scope: context.scope, window }),
  }));
}
