import { lastCompletePeriod, reportJobId, snapshotJobId } from './report-jobs';
import { REPORTING_DEFAULTS, reportingSettingsOf } from './reporting-settings';

describe('reporting settings', () => {
  it('fills in every default when tandem.yaml says nothing, folders in the data folder', () => {
    expect(reportingSettingsOf(null, '/var/lib/tandem')).toEqual({
      reports: { weekly: '0 8 * * 1', monthly: '0 8 1 * *', timezone: 'UTC', teams: 'all', formats: ['html'], folder: '/var/lib/tandem/reports', slack: null, email: null },
      snapshots: { daily: '30 2 * * *', timezone: 'UTC', formats: ['json'], folder: '/var/lib/tandem/snapshots' },
    });
  });

  it('takes what is written: schedules turned off, absolute folders, deliveries, time zones', () => {
    const settings = reportingSettingsOf(
      {
        reports: { cron: false, monthly: '0 7 1 * *', timezone: 'Europe/Berlin', teams: [], deliver: { folder: '/srv/reports', slack: { channel: 'C1' } } },
        snapshots: { daily: false, timezone: 'UTC', folder: 'exports' },
      },
      'data',
      'Europe/Berlin',
    );
    expect(settings.reports).toMatchObject({ weekly: null, monthly: '0 7 1 * *', timezone: 'Europe/Berlin', teams: [], folder: '/srv/reports', slack: { channel: 'C1' }, email: null });
    expect(settings.snapshots).toEqual({ daily: null, timezone: 'UTC', formats: REPORTING_DEFAULTS.snapshotFormats, folder: 'data/exports' });
  });
});

describe('the report jobs of a period', () => {
  it('finds the last complete day, week (from Monday) and month of the time zone', () => {
    const at = Date.parse('2026-03-10T09:00:00Z'); // a Tuesday
    expect(lastCompletePeriod('week', at, 'UTC')).toEqual({ key: '2026-03-02', from: Date.parse('2026-03-02T00:00:00Z'), to: Date.parse('2026-03-09T00:00:00Z') });
    expect(lastCompletePeriod('month', at, 'UTC').key).toBe('2026-02');
    expect(lastCompletePeriod('day', at, 'UTC').key).toBe('2026-03-09');
    // Monday 08:00 in Sydney is still Sunday in UTC: the period is Sydney's week that just ended.
    const sydney = lastCompletePeriod('week', Date.parse('2026-03-08T21:00:00Z'), 'Australia/Sydney');
    expect(sydney).toEqual({ key: '2026-03-02', from: Date.parse('2026-03-01T13:00:00Z'), to: Date.parse('2026-03-08T13:00:00Z') });
  });

  it('a period ending exactly at the instant is complete', () => {
    expect(lastCompletePeriod('week', Date.parse('2026-03-09T00:00:00Z'), 'UTC').key).toBe('2026-03-02');
  });

  it('names one job per period and scope, and per snapshot request', () => {
    expect(reportJobId('week', '2026-03-02', null)).toBe('report-week-2026-03-02-organization');
    expect(reportJobId('month', '2026-03', 'payments')).toBe('report-month-2026-03-team-payments');
    const payload = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', asOf: '2026-03-10T00:00:00.000Z', formats: ['parquet', 'csv'] as ('parquet' | 'csv')[] };
    expect(snapshotJobId(payload)).toBe('snapshot-2026-03-02T00_00_00.000Z-2026-03-09T00_00_00.000Z-asof-2026-03-10T00_00_00.000Z-window-csv+parquet');
    expect(snapshotJobId({ ...payload, formats: ['csv', 'parquet'] })).toBe(snapshotJobId(payload));
  });
});
