import { Inject, Module, OnApplicationBootstrap, OnModuleDestroy, Optional, type DynamicModule } from '@nestjs/common';
import type { TandemConfig } from '@tandem/config';
import type { EventStore } from '@tandem/eventstore';
import type { JobSchedule, JobWorker, Jobs, QueueDefaults } from '@tandem/jobs';
import { EmailClient, SlackClient } from '@tandem/notify';
import type { Logger } from '@tandem/observability';
import { loadReportingSettings, REPORTS_QUEUE, REPORTS_QUEUE_DEFAULTS, type ReportingSettings, type ReportJobQueue, type ReportJobs, type ReportSchedule } from '@tandem/reports';
import { CONFIG, EVENT_STORE, JOBS, LOGGER } from '@tandem/runtime';
import { RecognitionPostingModule } from './recognition-posting/recognition-posting.module';
import { reportJobHandlers } from './report-job-handlers';

export interface ReporterOptions {
  /** Retries of the jobs this reporter enqueues; default REPORTS_QUEUE_DEFAULTS. */
  queue?: QueueDefaults;
  /** Jobs run at once by this process. Default 1: reports read the whole history. */
  concurrency?: number;
  /** The clock of the schedules' "last complete period"; tests move it. */
  now?: () => number;
}

const REPORTER_OPTIONS = Symbol('TANDEM_REPORTER_OPTIONS');

/**
 * The reporter (apps/reporter): declares the repeatable jobs of tandem.yaml's `reports:` and
 * `snapshots:` (weekly and monthly leadership reports, the daily KPI snapshot) and works the
 * reports queue: files to the folder, then announcements on Slack and by email. In the
 * distributed mode any number of reporters share the queue (BullMQ); in the embedded one it runs
 * in-process. Schedules are declared at start, so an edited schedule applies on the next start;
 * the other settings are read at each job. Recognitions are posted back to Slack and Teams by
 * RecognitionPostingModule (its own queue), when tandem.yaml asks for it.
 */
@Module({ imports: [RecognitionPostingModule] })
export class ReporterModule implements OnApplicationBootstrap, OnModuleDestroy {
  private worker?: JobWorker;
  private email: EmailClient | null = null;

  constructor(
    @Inject(JOBS) private readonly jobs: Jobs,
    @Inject(CONFIG) private readonly config: TandemConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly rootLogger: Logger,
    @Optional() @Inject(REPORTER_OPTIONS) private readonly options: ReporterOptions = {},
  ) {}

  static withOptions(options: ReporterOptions): DynamicModule {
    return { module: ReporterModule, providers: [{ provide: REPORTER_OPTIONS, useValue: options }] };
  }

  async onApplicationBootstrap(): Promise<void> {
    const logger = this.rootLogger.child({ component: 'reporter' });
    const settings = () => loadReportingSettings(this.config.paths.organizationFile, this.config.paths.dataDir);
    const queue = this.jobs.queue<ReportJobs>(REPORTS_QUEUE, this.options.queue ?? REPORTS_QUEUE_DEFAULTS);
    const declared = await declareSchedules(queue, await settings(), this.config);
    logger.info({ schedules: declared }, 'report schedules declared');

    const { slack, smtp } = this.config.notify;
    this.email = smtp ? new EmailClient({ smtpUrl: smtp.url, from: smtp.from }) : null;
    this.worker = await queue.work(
      reportJobHandlers({
        queue,
        eventStore: this.eventStore,
        config: this.config,
        settings,
        slack: slack ? new SlackClient({ botToken: slack.botToken, apiUrl: slack.apiUrl }) : null,
        email: this.email,
        logger,
        now: this.options.now ?? Date.now,
      }),
      { concurrency: this.options.concurrency ?? 1 },
    );
  }

  /** Before the infrastructure closes the queues: running jobs finish (or go back to the queue). */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.stop();
    this.email?.close();
  }
}

/**
 * Makes the queue's schedules those of the settings: each one created or replaced (one per id,
 * however many reporters start), the ones turned off removed. The daily snapshot needs the
 * signing key; without it the schedule is left out (and said in the log by the caller's list).
 */
async function declareSchedules(queue: ReportJobQueue, settings: ReportingSettings, config: TandemConfig): Promise<JobSchedule[]> {
  const wanted: [ReportSchedule, string | null, string][] = [
    ['weekly-report', settings.reports.weekly, settings.reports.timezone],
    ['monthly-report', settings.reports.monthly, settings.reports.timezone],
    ['daily-snapshot', config.reports.snapshotSigning ? settings.snapshots.daily : null, settings.snapshots.timezone],
  ];
  for (const [id, cron, timezone] of wanted) {
    if (cron === null) await queue.unschedule(id);
    else await queue.schedule({ id, cron, timezone }, 'schedule.fired', { schedule: id });
  }
  return queue.schedules();
}
