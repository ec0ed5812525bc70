import { calendarBuckets, type Granularity } from '@tandem/metrics';
import { jobId, type JobQueue, type QueueDefaults } from '@tandem/jobs';
import type { ReportPeriodKind } from '../report/report-types';
import type { SnapshotFormat } from '../snapshot/encode-snapshot';
import type { SnapshotBucket } from '../snapshot/snapshot-types';

/**
 * The reporter's queue, shared by whoever asks for a report or a snapshot (the reporter's own
 * schedules, the GraphQL mutations): the job names, payloads and idempotent ids live here so that
 * every producer names the same report the same way.
 */
export const REPORTS_QUEUE = 'reports';

/** 5 tries, 30 s × 2^(n-1) apart: a Slack or SMTP outage of about 8 minutes. Every producer opens the queue with these. */
export const REPORTS_QUEUE_DEFAULTS: QueueDefaults = { attempts: 5, backoffMs: 30_000 };

export type ReportSchedule = 'weekly-report' | 'monthly-report' | 'daily-snapshot';

export interface ReportJobs {
  /** A schedule fired: enqueue what it stands for (one job per report scope, or the snapshot). */
  'schedule.fired': { schedule: ReportSchedule };
  /** One leadership report, in the configured formats, to the folder. Result: `ReportJobResult`. */
  'report.write': { period: ReportPeriodKind; team: string | null; at: string; periodKey: string };
  /** One snapshot, in each format, to the folder. Result: `{ paths }`. */
  'snapshot.write': { from: string; to: string; asOf: string; bucket?: Exclude<SnapshotBucket, 'window'>; formats: SnapshotFormat[] };
  /** Announces a written report (the job `reportJobId`) on one channel. */
  'report.deliver': { channel: 'slack' | 'email'; reportJobId: string };
}

export type ReportJobQueue = JobQueue<ReportJobs>;

export interface ReportJobResult {
  paths: string[];
  title: string;
  headline: string;
  summary: string[];
}

export interface SnapshotJobResult {
  paths: string[];
}

export interface CalendarPeriod {
  /** The bucket's label: `2026-11-23` (a day, or the Monday of a week), `2026-11`. */
  key: string;
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;

/** The last complete calendar day, week (from Monday) or month of `timezone` that ends at or before `atMs`. */
export function lastCompletePeriod(granularity: Granularity, atMs: number, timezone: string): CalendarPeriod {
  const reach = (granularity === 'month' ? 63 : granularity === 'week' ? 15 : 3) * DAY_MS;
  const complete = calendarBuckets({ from: atMs - reach, to: atMs }, granularity, timezone).filter((bucket) => bucket.to <= atMs);
  const last = complete[complete.length - 1];
  return { key: last.label, from: last.from, to: last.to };
}

/** One report per period and scope: `report-week-2026-11-23-organization`, `report-month-2026-11-team-payments`. */
export function reportJobId(period: ReportPeriodKind, periodKey: string, team: string | null): string {
  return team === null ? jobId('report', period, periodKey, 'organization') : jobId('report', period, periodKey, 'team', team);
}

/** One snapshot per window, asOf, bucketing and formats. */
export function snapshotJobId(payload: ReportJobs['snapshot.write']): string {
  return jobId('snapshot', payload.from, payload.to, 'asof', payload.asOf, payload.bucket ?? 'window', [...payload.formats].sort().join('+'));
}

/**
 * Asks for the report of the last complete period before `atMs` (in the reports' time zone): the
 * same period and scope always get the same job, however many schedulers or people ask. Answers its id.
 */
export async function requestReport(queue: ReportJobQueue, request: { period: ReportPeriodKind; team: string | null; atMs: number; timezone: string }): Promise<string> {
  const period = lastCompletePeriod(request.period, request.atMs, request.timezone);
  const id = reportJobId(request.period, period.key, request.team);
  // `at` is the period's end: the report then covers exactly this period, whenever the job runs.
  return queue.enqueue('report.write', { period: request.period, team: request.team, at: new Date(period.to).toISOString(), periodKey: period.key }, { id });
}

/** Asks for a snapshot; `id` defaults to `snapshotJobId` (the daily schedule keys it by day instead). Answers its id. */
export async function requestSnapshot(queue: ReportJobQueue, payload: ReportJobs['snapshot.write'], id = snapshotJobId(payload)): Promise<string> {
  return queue.enqueue('snapshot.write', payload, { id });
}
