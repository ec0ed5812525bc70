import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tandem/config';
import { SqliteEventStore } from '@tandem/eventstore';
import { InProcessJobs } from '@tandem/jobs';
import { createLogger } from '@tandem/observability';
import { REPORTS_QUEUE, reportingSettingsOf, type ReportJobs } from '@tandem/reports';
import { expectEventually } from '@tandem/testing';
import { reportJobHandlers } from './report-job-handlers';

/** The handlers on a store with no events and a server without a signing key: what must not be retried is not. */
describe('report job handlers on bad input', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-report-jobs-'));
  const eventStore = new SqliteEventStore({ filename: join(directory, 'events.sqlite') });
  const jobs = new InProcessJobs({ path: join(directory, 'jobs.sqlite'), pollIntervalMs: 50 });
  const queue = jobs.queue<ReportJobs>(REPORTS_QUEUE, { attempts: 5, backoffMs: 50 });

  beforeAll(async () => {
    const config = loadConfig({ TANDEM_DATA_DIR: directory, LOG_LEVEL: 'silent' });
    await queue.work(
      reportJobHandlers({
        queue,
        eventStore,
        config,
        settings: async () => reportingSettingsOf(null, directory),
        slack: null,
        email: null,
        logger: createLogger({ service: 'test', level: 'silent' }),
        now: () => Date.parse('2026-03-10T09:00:00Z'),
      }),
    );
  });
  afterAll(async () => {
    await jobs.close();
    await eventStore.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('lets a schedule fire on an empty store without enqueuing anything', async () => {
    const id = await queue.enqueue('schedule.fired', { schedule: 'weekly-report' });
    await expectEventually(async () => expect(await queue.get(id)).toMatchObject({ state: 'completed', result: { enqueued: [] } }));
  });

  it('sends a report of an empty history and a snapshot without a signing key to the dead letters at the first try', async () => {
    const report = await queue.enqueue('report.write', { period: 'week', team: null, at: '2026-03-09T00:00:00.000Z', periodKey: '2026-03-02' });
    const snapshot = await queue.enqueue('snapshot.write', { from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', asOf: '2026-03-10T00:00:00.000Z', formats: ['json'] });

    await expectEventually(async () => expect((await queue.deadLetters()).map((job) => job.id).sort()).toEqual([report, snapshot].sort()));
    expect(await queue.get(report)).toMatchObject({ failedAttempts: 1, error: 'The event store holds no events yet: there is nothing to export or report.' });
    expect(await queue.get(snapshot)).toMatchObject({ failedAttempts: 1, error: expect.stringContaining('TANDEM_SNAPSHOT_SIGNING_KEY is not set') });
  });
});
