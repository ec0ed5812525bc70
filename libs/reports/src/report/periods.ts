import { calendarBuckets, type CalendarBucket } from '@tandem/metrics';
import type { MillisWindow } from '../shared/coverage';
import { formatDateLabel } from './format';
import type { ReportPeriod, ReportPeriodKind } from './report-types';

/** How many periods a trend shows, the current one last. */
export const TREND_PERIODS = 12;

const DAY = 86_400_000;

/**
 * The last `TREND_PERIODS` complete calendar weeks (from Monday) or months of the organisation's
 * time zone that end at or before `at`, oldest first: the report is about the last one and
 * compares it with the one before.
 */
export function reportPeriods(kind: ReportPeriodKind, atMs: number, timeZone: string): CalendarBucket[] {
  const reach = (TREND_PERIODS + 2) * (kind === 'week' ? 7 : 31) * DAY;
  const window: MillisWindow = { from: atMs - reach, to: atMs };
  return calendarBuckets(window, kind, timeZone)
    .filter((bucket) => bucket.to <= atMs)
    .slice(-TREND_PERIODS);
}

export function reportPeriodOf(bucket: CalendarBucket, kind: ReportPeriodKind): ReportPeriod {
  const label = kind === 'week' ? `week of ${formatDateLabel(bucket.label)}` : formatDateLabel(bucket.label);
  return { label, bucket: bucket.label, from: new Date(bucket.from).toISOString(), to: new Date(bucket.to).toISOString() };
}
