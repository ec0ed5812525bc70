import { Inject, Injectable } from '@nestjs/common';
import { canSeeTeamDetail, type Viewer } from '@tandem/auth';
import type { TandemConfig } from '@tandem/config';
import type { JobInfo, Jobs } from '@tandem/jobs';
import {
  canonicalInstant,
  loadReportingSettings,
  REPORTS_QUEUE,
  REPORTS_QUEUE_DEFAULTS,
  ReportsError,
  requestReport,
  requestSnapshot,
  resolveWindow,
  type ReportJobQueue,
  type ReportJobs,
  type SnapshotFormat,
} from '@tandem/reports';
import { CONFIG, JOBS } from '@tandem/runtime';
import { badUserInput, forbidden, notFound } from '../graphql/errors/api-errors';
import { ReportJob, ReportJobState } from './reports.types';

/**
 * The API's side of the reporter's queue: asks for reports and snapshots with the same idempotent
 * ids as the reporter's schedules (libs/reports `requestReport`), and reads a job's state. The
 * work itself runs in the reporter.
 */
@Injectable()
export class ReportRequests {
  private readonly queue: ReportJobQueue;

  constructor(
    @Inject(JOBS) jobs: Jobs,
    @Inject(CONFIG) private readonly config: TandemConfig,
  ) {
    this.queue = jobs.queue<ReportJobs>(REPORTS_QUEUE, REPORTS_QUEUE_DEFAULTS);
  }

  async report(request: { period: 'week' | 'month'; team: string | null; at: Date | null }): Promise<ReportJob> {
    const { reports } = await loadReportingSettings(this.config.paths.organizationFile, this.config.paths.dataDir);
    const id = await requestReport(this.queue, { period: request.period, team: request.team, atMs: (request.at ?? new Date()).getTime(), timezone: reports.timezone });
    return this.job(id);
  }

  async snapshot(request: { from: Date; to: Date; asOf: Date | null; format: SnapshotFormat; bucket: 'week' | 'month' | null }): Promise<ReportJob> {
    if (!this.config.reports.snapshotSigning) throw badUserInput('Snapshots are not configured on this server: TANDEM_SNAPSHOT_SIGNING_KEY is not set.');
    const from = request.from.toISOString();
    const to = request.to.toISOString();
    // Unset: everything recorded until now, to the second (a retried request within it is the same job).
    const asOf = request.asOf ? request.asOf.toISOString() : new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    try {
      resolveWindow(from, to);
      canonicalInstant(asOf, 'asOf');
    } catch (error) {
      if (error instanceof ReportsError) throw badUserInput(error.message);
      throw error;
    }
    const id = await requestSnapshot(this.queue, { from, to, asOf, formats: [request.format], ...(request.bucket && { bucket: request.bucket }) });
    return this.job(id);
  }

  /** A job the viewer may see: a team's report for admins and the team's leads, snapshots for admins. */
  async find(id: string, viewer: Viewer): Promise<ReportJob> {
    const info = await this.queue.get(id);
    if (!info || info.name === 'schedule.fired' || info.name === 'report.deliver') throw notFound(`No report or snapshot job ${id}.`);
    if (info.name === 'snapshot.write' && viewer.role !== 'admin') throw forbidden('Snapshot jobs are for admins: a snapshot holds every team’s KPIs.');
    const team = info.name === 'report.write' ? (info.payload as ReportJobs['report.write']).team : null;
    if (team !== null && !canSeeTeamDetail(viewer, team)) throw forbidden(`The report of ${team} is for admins and the team's leads.`);
    return toReportJob(info);
  }

  private async job(id: string): Promise<ReportJob> {
    const info = await this.queue.get(id);
    if (!info) throw new Error(`Job ${id} vanished right after it was enqueued`);
    return toReportJob(info);
  }
}

function toReportJob(info: JobInfo<ReportJobs>): ReportJob {
  const result = (info.state === 'completed' ? info.result : undefined) as { paths?: string[]; title?: string } | undefined;
  return {
    id: info.id,
    kind: info.name === 'snapshot.write' ? 'snapshot' : 'report',
    state: info.state as ReportJobState,
    failedAttempts: info.failedAttempts,
    paths: result?.paths ?? [],
    title: result?.title ?? null,
    error: info.error ?? null,
    createdAt: info.createdAt,
    finishedAt: info.finishedAt ?? null,
  };
}
