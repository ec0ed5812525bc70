import { calendarBuckets, clipToWindow, type CalendarBucket } from '../../calendar/calendar-buckets';
import { localDayLabel } from '../../calendar/zoned-calendar';
import type { MillisWindow } from '../../shared/millis';
import { median } from '../../shared/statistics';
import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import { deploymentSample, productionDeploymentsIn } from './delivery-samples';

/** The weeks of the last window asked: every scope of a batch asks for the same window's weeks. */
let lastWeeks: { from: number; to: number; timeZone: string; weeks: readonly CalendarBucket[] } | null = null;

/**
 * The weeks deployDaysPerWeek is over: the Monday-to-Sunday weeks of the organisation's calendar
 * that lie wholly in the window, so a window cut mid-week does not count a short week as a slow
 * one; a window shorter than a week uses its part of the weeks it touches.
 */
function weeksOf(window: MillisWindow, timeZone: string): readonly CalendarBucket[] {
  if (lastWeeks?.from === window.from && lastWeeks.to === window.to && lastWeeks.timeZone === timeZone) return lastWeeks.weeks;
  const weeks = wholeWeeksOf(window, timeZone);
  lastWeeks = { from: window.from, to: window.to, timeZone, weeks };
  return weeks;
}

function wholeWeeksOf(window: MillisWindow, timeZone: string): readonly CalendarBucket[] {
  const weeks = calendarBuckets(window, 'week', timeZone);
  const whole = weeks.filter((week) => week.from >= window.from && week.to <= window.to);
  return whole.length > 0 ? whole : weeks.map((week) => clipToWindow(week, window));
}

/** Days with ≥ 1 deployment in each week, weeks without a deployment counting 0. */
function deployDaysPerWeek(samples: readonly KpiSample[], weeks: readonly CalendarBucket[], timeZone: string): number[] {
  const days = weeks.map(() => new Set<string>());
  for (const sample of samples) {
    if (sample.subject.kind !== 'deployment' || sample.subject.finishedAt === null) continue;
    const finishedAt = sample.subject.finishedAt;
    const week = weeks.findIndex((candidate) => candidate.from <= finishedAt && finishedAt < candidate.to);
    if (week >= 0) days[week].add(localDayLabel(finishedAt, timeZone));
  }
  return days.map((set) => set.size);
}

export const deploymentFrequencyV1 = defineKpi({
  id: 'deployment_frequency',
  version: 1,
  unit: 'count',
  aggregation: 'count',
  definition: 'Successful deployments to an environment classed production, finished in the window; deployDaysPerWeek = median over the window’s weeks of days with ≥ 1 deployment (weeks with none count).',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    return productionDeploymentsIn(model, window).map((deployment) =>
      deploymentSample(deployment, attribution, { value: null, counted: true, contributors: [deployment.key] }),
    );
  },
  extras: (samples, { directory, window }) => {
    const timeZone = directory.settings.timezone;
    const weeks = weeksOf(window, timeZone);
    return { deployDaysPerWeek: median(deployDaysPerWeek(samples, weeks, timeZone)), weeks: weeks.length };
  },
});
