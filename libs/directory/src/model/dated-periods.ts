import type { DatedPeriod } from './directory-state';
import { lastIndexAtOrBefore } from './sorted-search';

/**
 * The periods after a change that takes effect at `next.since`: it replaces whatever was recorded
 * from then on (a later event for the same key wins from its occurredAt on), and adds nothing
 * when the value does not actually change.
 */
export function withPeriod<Period extends DatedPeriod>(
  periods: readonly Period[],
  next: Period,
  sameValue: (a: Period, b: Period) => boolean,
): readonly Period[] {
  const effectiveMs = Date.parse(next.since);
  const earlier = periods.filter((period) => Date.parse(period.since) < effectiveMs);
  const latest = earlier[earlier.length - 1];
  return latest && sameValue(latest, next) ? earlier : [...earlier, next];
}

/** Finds the period in force at an instant in O(log n); before the first, the first applies. */
export class PeriodTimeline<Period extends DatedPeriod> {
  readonly startsMs: Float64Array;

  constructor(private readonly periods: readonly Period[]) {
    this.startsMs = Float64Array.from(periods, (period) => Date.parse(period.since));
  }

  at(atMs: number): Period | undefined {
    if (Number.isNaN(atMs)) return undefined;
    return this.periods[Math.max(0, lastIndexAtOrBefore(this.startsMs, atMs))];
  }
}
