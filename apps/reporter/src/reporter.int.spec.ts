import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { toStoredEvent } from '@tandem/contracts';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { FakeSlackApi, FakeSmtpServer } from '@tandem/notify-testing';
import { REPORTS_QUEUE, type ReportJobs } from '@tandem/reports';
import { createInfrastructure, startApp, type RunningApp } from '@tandem/runtime';
import { createTestDatabase, expectEventually, type TestDatabase } from '@tandem/testing';
import { acmeHistory, ACME_YAML } from '../../../test/reports/fixtures/acme-history';
import { ReporterModule } from './reporter.module';

const SIGNING_KEY = 'reporter-test-signing-key-0123456789abcdef';
const BOT_TOKEN = 'xoxb-reporter-test';
const CHANNEL = 'CLEADERS';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// The reporter's clock: Tuesday 10 March 2026, so "the week that just ended" is the week of 2 March.
const NOW = Date.parse('2026-03-10T09:00:00Z');
const EVENTUALLY = { timeoutMs: 60_000, intervalMs: 200 };

// Every second: the schedules fire again and again while the test watches, and must still give one report per period and scope.
const REPORTING_YAML = `reports:
  weekly: "* * * * * *"
  monthly: false
  timezone: UTC
  teams: [payments]
  formats: [html, md]
  deliver: { folder: out/reports, slack: { channel: ${CHANNEL} }, email: { to: [cto@acme.example] } }
snapshots: { daily: "* * * * * *", formats: [json, csv] }
`;

/** The Acme history appended to the mode's event store, as the recorder would. */
async function seed(config: TandemConfig): Promise<void> {
  const infrastructure = await createInfrastructure(config, 'reporter-test-seed');
  try {
    const history = acmeHistory();
    for (let start = 0; start < history.length; start += 250) {
      await infrastructure.eventStore.appendMany(history.slice(start, start + 250).map(({ streamId, event }) => ({ streamId, events: [toStoredEvent(event)] })));
    }
  } finally {
    await infrastructure.close();
  }
}

describe.each(['embedded', 'distributed'] as const)('the reporter in the %s mode', (mode) => {
  let dataDir: string;
  let slack: FakeSlackApi;
  let smtp: FakeSmtpServer;
  let database: TestDatabase | undefined;
  let running: RunningApp | undefined;
  const jobsPrefix = `tandem-test-reporter-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-reporter-'));
    slack = new FakeSlackApi({ botToken: BOT_TOKEN, channels: [CHANNEL] });
    await slack.start();
    smtp = new FakeSmtpServer({ user: 'tandem', pass: 'smtp-secret' });
    await smtp.start();
    if (mode === 'distributed') database = await createTestDatabase('tandem_reporter');
  });

  afterAll(async () => {
    await running?.app.close();
    await Promise.all([slack.close(), smtp.close()]);
    await database?.drop();
    if (mode === 'distributed') {
      const redis = new IORedis(REDIS_URL);
      const keys = await redis.keys(`${jobsPrefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fires the schedules of tandem.yaml: the reports land in the folder once per period and scope, the snapshot beside them, and Slack and email hear of it after a retry', async () => {
    writeFileSync(join(dataDir, 'tandem.yaml'), `${ACME_YAML}${REPORTING_YAML}`);
    const config = loadConfig({
      TANDEM_MODE: mode,
      TANDEM_DATA_DIR: dataDir,
      TANDEM_CONFIG: join(dataDir, 'tandem.yaml'),
      PORT: '0',
      LOG_LEVEL: 'silent',
      TANDEM_SNAPSHOT_SIGNING_KEY: SIGNING_KEY,
      TANDEM_SLACK_BOT_TOKEN: BOT_TOKEN,
      TANDEM_SLACK_API_URL: slack.apiUrl,
      TANDEM_SMTP_URL: smtp.url,
      TANDEM_SMTP_FROM: 'Tandem <tandem@acme.example>',
      ...(database && { DATABASE_URL: database.url, REDIS_URL, KAFKA_BROKERS: '127.0.0.1:9092', TANDEM_JOBS_PREFIX: jobsPrefix }),
    });
    await seed(config);
    // Slack's edge and the mail server fail once each: the announcements are retried, the report not rewritten.
    slack.script({ status: 503 });
    smtp.script({ stage: 'data', code: 451, message: 'Local error in processing' });
    running = await startApp({ service: 'reporter', modules: [ReporterModule.withOptions({ now: () => NOW, queue: { attempts: 3, backoffMs: 200 } })] }, config);

    const reports = join(dataDir, 'out', 'reports');
    const expected = ['tandem-report_week_2026-03-02.html', 'tandem-report_week_2026-03-02.md', 'tandem-report_week_2026-03-02_payments.html', 'tandem-report_week_2026-03-02_payments.md'];
    await expectEventually(() => expect(existsSync(reports) && readdirSync(reports).sort()).toEqual(expected), EVENTUALLY);
    expect(readFileSync(join(reports, expected[0]), 'utf8')).toContain('<h1 id="summary-title">Acme: weekly report, week of 2 March 2026</h1>');
    expect(readFileSync(join(reports, expected[3]), 'utf8')).toMatch(/^# Payments: weekly report, week of 2 March 2026/);

    // The daily snapshot of the day before the clock, signed, as JSON and as CSV with its signature file.
    const snapshots = join(dataDir, 'snapshots');
    await expectEventually(() => expect(existsSync(snapshots) && readdirSync(snapshots).filter((name) => !name.endsWith('.partial')).length).toBe(3), EVENTUALLY);
    expect(readdirSync(snapshots).sort()).toEqual([
      'kpi-snapshot_20260309T000000Z_20260310T000000Z_asof-20260310T090000Z.csv',
      'kpi-snapshot_20260309T000000Z_20260310T000000Z_asof-20260310T090000Z.csv.sig.json',
      'kpi-snapshot_20260309T000000Z_20260310T000000Z_asof-20260310T090000Z.json',
    ]);

    await expectEventually(() => expect(slack.posted).toHaveLength(1), EVENTUALLY);
    expect(slack.posted[0]).toMatchObject({ channel: CHANNEL, text: expect.stringMatching(/^Acme: weekly report, week of 2 March 2026: /) });
    expect(slack.requests.filter((request) => request.path === '/api/chat.postMessage').length).toBe(2);
    await expectEventually(() => expect(smtp.received).toHaveLength(1), EVENTUALLY);
    expect(smtp.received[0]).toMatchObject({ from: 'tandem@acme.example', to: ['cto@acme.example'] });
    expect(smtp.received[0].raw).toContain('Subject: Acme: weekly report, week of 2 March 2026');
    expect(smtp.received[0].raw).toContain('filename=tandem-report_week_2026-03-02.md');

    // Seconds of firing later: still one job per period and scope, and one announcement per channel.
    const queue = running.infrastructure.jobs.queue<ReportJobs>(REPORTS_QUEUE);
    expect(await queue.get('report-week-2026-03-02-organization')).toMatchObject({ state: 'completed', failedAttempts: 0, result: { paths: expected.slice(0, 2).map((name) => join(reports, name)) } });
    expect(await queue.get('deliver-slack-report-week-2026-03-02-organization')).toMatchObject({ state: 'completed', failedAttempts: 1 });
    expect(await queue.get('deliver-email-report-week-2026-03-02-organization')).toMatchObject({ state: 'completed', failedAttempts: 1 });
    expect(readdirSync(reports).sort()).toEqual(expected);
    expect(slack.posted).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    expect((await queue.schedules()).map((schedule) => schedule.id)).toEqual(['daily-snapshot', 'weekly-report']);
    expect(await queue.deadLetters()).toEqual([]);
  });
});
