import { checkSchedule, InvalidScheduleError, nextFireTime } from './cron';
import { InvalidJobIdError, jobId } from './job-id';
import { backoffDelayMs, resolveJobOptions, resolveQueueDefaults } from './retry-policy';

describe('job ids', () => {
  it('joins the parts that make a job unique, replacing what a backend refuses', () => {
    expect(jobId('report', 'week', '2026-11-23', 'team', 'payments')).toBe('report-week-2026-11-23-team-payments');
    expect(jobId('snapshot', '2026-03-02T00:00:00.000Z')).toBe('snapshot-2026-03-02T00_00_00.000Z');
    expect(() => jobId('')).toThrow(InvalidJobIdError);
    expect(() => jobId(42)).toThrow(InvalidJobIdError);
  });
});

describe('retries', () => {
  it('waits backoff × 2^(n-1) before retry n, as BullMQ’s exponential backoff', () => {
    expect([1, 2, 3, 4].map((failed) => backoffDelayMs(1_000, failed))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('takes per-job options over the queue’s, and refuses nonsense', () => {
    const defaults = resolveQueueDefaults({ attempts: 3 });
    expect(resolveJobOptions(defaults)).toEqual({ attempts: 3, backoffMs: 1_000, delayMs: 0 });
    expect(resolveJobOptions(defaults, { attempts: 1, delayMs: 500 })).toEqual({ attempts: 1, backoffMs: 1_000, delayMs: 500 });
    expect(() => resolveJobOptions(defaults, { attempts: 0 })).toThrow(RangeError);
    expect(() => resolveQueueDefaults({ backoffMs: -1 })).toThrow(RangeError);
  });
});

describe('schedules', () => {
  it('fires at the wall-clock time of the time zone, across daylight saving time', () => {
    const mondays = { cron: '0 8 * * 1', timezone: 'Europe/Paris' };
    // Before and after the change of 29 March 2026: 08:00 CET is 07:00Z, 08:00 CEST is 06:00Z.
    expect(new Date(nextFireTime(mondays, Date.parse('2026-03-20T00:00:00Z'))).toISOString()).toBe('2026-03-23T07:00:00.000Z');
    expect(new Date(nextFireTime(mondays, Date.parse('2026-03-27T00:00:00Z'))).toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('refuses an unknown time zone or a cron it cannot read', () => {
    expect(() => checkSchedule({ id: 'weekly', cron: '0 8 * * 1', timezone: 'Europe/Atlantis' })).toThrow(InvalidScheduleError);
    expect(() => checkSchedule({ id: 'weekly', cron: '61 8 * * 1', timezone: 'UTC' })).toThrow(InvalidScheduleError);
    expect(() => checkSchedule({ id: 'has:colon', cron: '0 8 * * 1', timezone: 'UTC' })).toThrow(InvalidJobIdError);
  });
});
