import { MetricEvents } from '../testing/metric-events';
import { ORGANIZATION } from '../testing/kpi-harness';
import { expectOrderIndependent } from '../testing/order-independence';
import { testDirectory } from '../testing/test-organization';
import { calendarBuckets } from './calendar-buckets';
import { kpiSeries } from './kpi-series';

const ms = (iso: string) => Date.parse(iso);
const iso = (epochMs: number) => new Date(epochMs).toISOString();

describe('calendar buckets', () => {
  it('cuts weeks on Mondays at local midnight, through a DST change', () => {
    // Berlin moves to summer time on Sunday 29 March 2026: that week is an hour shorter.
    const weeks = calendarBuckets({ from: ms('2026-03-18T12:00:00Z'), to: ms('2026-04-01T00:00:00Z') }, 'week', 'Europe/Berlin');

    expect(weeks.map((week) => [week.label, iso(week.from), iso(week.to)])).toEqual([
      ['2026-03-16', '2026-03-15T23:00:00.000Z', '2026-03-22T23:00:00.000Z'],
      ['2026-03-23', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
      ['2026-03-30', '2026-03-29T22:00:00.000Z', '2026-04-05T22:00:00.000Z'],
    ]);
  });

  it('cuts days and months on the organisation’s calendar', () => {
    const days = calendarBuckets({ from: ms('2026-03-28T23:00:00Z'), to: ms('2026-03-30T22:00:00Z') }, 'day', 'Europe/Berlin');
    expect(days.map((day) => [day.label, (day.to - day.from) / 3_600_000])).toEqual([
      ['2026-03-29', 23],
      ['2026-03-30', 24],
    ]);
    const months = calendarBuckets({ from: ms('2025-12-15T00:00:00Z'), to: ms('2026-02-01T00:00:00Z') }, 'month', 'UTC');
    expect(months.map((month) => [month.label, iso(month.from), iso(month.to)])).toEqual([
      ['2025-12', '2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
      ['2026-01', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    ]);
  });
});

describe('kpiSeries', () => {
  it('computes a KPI per week, the first and last weeks cut to the window', () => {
    const t = new MetricEvents();
    t.deploymentFinished('SUN-1-FEB', '2026-02-01T10:00:00Z');
    t.deploymentFinished('MON-2-FEB', '2026-02-02T10:00:00Z');
    t.deploymentFinished('TUE-3-FEB', '2026-02-03T10:00:00Z');
    t.deploymentFinished('SAT-28-FEB', '2026-02-28T10:00:00Z');
    const series = expectOrderIndependent(t.events, testDirectory, (model) =>
      kpiSeries('deployment_frequency', model, {
        directory: testDirectory,
        scope: ORGANIZATION,
        window: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
        granularity: 'week',
      }),
    );

    expect(series.map((point) => [point.bucket, point.value.window.from, point.value.window.to, point.value.value])).toEqual([
      ['2026-01-26', '2026-02-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z', 1],
      ['2026-02-02', '2026-02-02T00:00:00.000Z', '2026-02-09T00:00:00.000Z', 2],
      ['2026-02-09', '2026-02-09T00:00:00.000Z', '2026-02-16T00:00:00.000Z', null],
      ['2026-02-16', '2026-02-16T00:00:00.000Z', '2026-02-23T00:00:00.000Z', null],
      ['2026-02-23', '2026-02-23T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 1],
    ]);
  });
});
