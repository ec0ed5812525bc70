import type { TandemConfig } from '@tandem/config';
import type { EventStore } from '@tandem/eventstore';
import { jobId, UnrecoverableError, type JobHandlers } from '@tandem/jobs';
import { PermanentDeliveryError, type EmailClient, type SlackClient } from '@tandem/notify';
import type { Logger } from '@tandem/observability';
import {
  exportSnapshotFiles,
  historyUpTo,
  lastCompletePeriod,
  readAllEvents,
  ReportsError,
  requestReport,
  requestSnapshot,
  writeLeadershipReport,
  type ReportingSettings,
  type ReportJobQueue,
  type ReportJobResult,
  type ReportJobs,
  type SnapshotJobResult,
} from '@tandem/reports';
import { emailAnnouncement, slackAnnouncement } from './report-announcements';
import { unrecoverableOn } from './unrecoverable-on';

export interface ReportJobDependencies {
  queue: ReportJobQueue;
  eventStore: EventStore;
  config: TandemConfig;
  /** Read at each job: an edited tandem.yaml applies from the next job on. */
  settings(): Promise<ReportingSettings>;
  slack: SlackClient | null;
  email: EmailClient | null;
  logger: Logger;
  now(): number;
}

/**
 * What each job of the reports queue does. A schedule firing only enqueues (one job per report
 * scope, with the idempotent ids of `requestReport`, then one per announcement); the writing and
 * the announcing are jobs of their own, so a Slack outage retries the message, not the report.
 * Bad input (an unknown team, a missing signing key, a refused channel) is UnrecoverableError:
 * straight to the dead letters, where `tandem_jobs_dead_letters` shows it.
 */
export function reportJobHandlers(deps: ReportJobDependencies): JobHandlers<ReportJobs> {
  return {
    'schedule.fired': async ({ schedule }) => {
      // A new installation has nothing to report on yet: nothing is enqueued (and nothing dead-lettered).
      if ((await deps.eventStore.headPosition()) === 0) {
        deps.logger.info({ schedule }, 'no events recorded yet: nothing to report');
        return { enqueued: [] };
      }
      const settings = await deps.settings();
      if (schedule === 'daily-snapshot') {
        const day = lastCompletePeriod('day', deps.now(), settings.snapshots.timezone);
        const payload = { from: iso(day.from), to: iso(day.to), asOf: iso(deps.now()), formats: [...settings.snapshots.formats] };
        // One daily snapshot per day, whatever the instant it was taken at.
        return { enqueued: [await requestSnapshot(deps.queue, payload, jobId('snapshot', 'daily', day.key, [...payload.formats].sort().join('+')))] };
      }
      const period = schedule === 'weekly-report' ? 'week' : 'month';
      const teams = await teamsToReport(deps, settings);
      const enqueued: string[] = [];
      for (const team of [null, ...teams]) enqueued.push(await requestReport(deps.queue, { period, team, atMs: deps.now(), timezone: settings.reports.timezone }));
      const organizationReport = enqueued[0];
      for (const channel of announcementChannels(deps, settings)) {
        enqueued.push(await deps.queue.enqueue('report.deliver', { channel, reportJobId: organizationReport }, { id: jobId('deliver', channel, organizationReport) }));
      }
      return { enqueued };
    },

    'report.write': async ({ period, team, at }): Promise<ReportJobResult> => {
      const settings = await deps.settings();
      const { paths, report } = await unrecoverableOn(ReportsError, () =>
        writeLeadershipReport(deps.eventStore, { period, team: team ?? undefined, at, formats: settings.reports.formats, out: settings.reports.folder, chromiumPath: deps.config.reports.chromiumPath }),
      );
      deps.logger.info({ period, team, paths }, 'leadership report written');
      return { paths, title: report.title, headline: report.headline, summary: report.summary };
    },

    'snapshot.write': async ({ from, to, asOf, bucket, formats }): Promise<SnapshotJobResult> => {
      const signing = deps.config.reports.snapshotSigning;
      if (!signing) throw new UnrecoverableError('TANDEM_SNAPSHOT_SIGNING_KEY is not set: snapshots are signed with it (at least 32 characters).');
      const settings = await deps.settings();
      const { paths } = await unrecoverableOn(ReportsError, () => exportSnapshotFiles(deps.eventStore, { from, to, asOf, bucket, formats, out: settings.snapshots.folder, signing }));
      deps.logger.info({ from, to, asOf, paths }, 'KPI snapshot exported');
      return { paths };
    },

    'report.deliver': async ({ channel, reportJobId: reportId }) => {
      const written = await deps.queue.get(reportId);
      if (!written || written.state === 'dead') throw new UnrecoverableError(`Report job ${reportId} ${written ? 'failed for good' : 'does not exist'}: nothing to announce.`);
      // Retried with backoff until the report is written (it is enqueued first, but may run on another worker).
      if (written.state !== 'completed') throw new Error(`Report job ${reportId} is ${written.state}: not written yet.`);
      const report = written.result as ReportJobResult;
      const settings = await deps.settings();
      return unrecoverableOn(PermanentDeliveryError, async () => {
        if (channel === 'slack') {
          const target = settings.reports.slack;
          if (!deps.slack || !target) throw new UnrecoverableError('Slack delivery is no longer configured (reports.deliver.slack and TANDEM_SLACK_BOT_TOKEN).');
          return deps.slack.postMessage(slackAnnouncement(target.channel, report));
        }
        const target = settings.reports.email;
        if (!deps.email || !target) throw new UnrecoverableError('Email delivery is no longer configured (reports.deliver.email and TANDEM_SMTP_URL).');
        return deps.email.send(await emailAnnouncement(target.to, report));
      });
    },
  };
}

/** The teams of `reports.teams`: every team known to the organisation now, or the ones named. */
async function teamsToReport(deps: ReportJobDependencies, settings: ReportingSettings): Promise<readonly string[]> {
  if (settings.reports.teams !== 'all') return settings.reports.teams;
  const events = await readAllEvents(deps.eventStore);
  if (events.length === 0) return [];
  return historyUpTo(events).directory.teams().map((team) => team.slug).sort();
}

/** The channels both named in tandem.yaml and given credentials; a half-configured one is said once per schedule. */
function announcementChannels(deps: ReportJobDependencies, settings: ReportingSettings): ('slack' | 'email')[] {
  const channels: ('slack' | 'email')[] = [];
  if (settings.reports.slack && deps.slack) channels.push('slack');
  else if (settings.reports.slack) deps.logger.warn('reports.deliver.slack is set but TANDEM_SLACK_BOT_TOKEN is not: the report is not announced on Slack');
  if (settings.reports.email && deps.email) channels.push('email');
  else if (settings.reports.email) deps.logger.warn('reports.deliver.email is set but TANDEM_SMTP_URL is not: the report is not sent by email');
  return channels;
}

function iso(millis: number): string {
  return new Date(millis).toISOString();
}
