import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tandem/config';
import { toStoredEvent } from '@tandem/contracts';
import { parseOrganization } from '@tandem/directory';
import { SqliteEventStore } from '@tandem/eventstore';
import { InProcessJobs, jobId, type JobQueue } from '@tandem/jobs';
import { SlackClient, TeamsWebhookClient } from '@tandem/notify';
import { FakeSlackApi, FakeTeamsWebhook } from '@tandem/notify-testing';
import { createLogger } from '@tandem/observability';
import { applyOrganization, readDirectory } from '@tandem/organization';
import { openReadModelDatabase } from '@tandem/persistence';
import { projectionStoreOf, type ProjectionStore } from '@tandem/projections';
import { decideKudos, KudosLedger, type GivenKudos } from '@tandem/recognition';
import { expectEventually } from '@tandem/testing';
import type { DataSource } from 'typeorm';
import { moveCheckpoint, RECOGNITION_POSTING } from './posting-batches';
import { RecognitionPoster } from './recognition-poster';
import { RECOGNITION_POSTING_QUEUE, type RecognitionPostingJobs } from './recognition-posting-jobs';

const EVENTUALLY = { timeoutMs: 30_000, intervalMs: 50 };
const logger = createLogger({ service: 'test', level: 'silent' });
const TOKEN = 'xoxb-1234-5678-posting';
const CHANNEL = 'C0KUDOS01';

const ORGANIZATION = `organization: { name: Posting Test, timezone: UTC }
teams:
  - { slug: web, name: Web, kind: dev }
  - { slug: sre, name: SRE, kind: sre }
people:
  - { id: megan, name: Megan, identities: { slack: U123ABC456 }, memberships: [ { team: sre, from: 2026-01-01 } ] }
  - { id: bob, name: Bob, identities: { slack: U222222222 }, memberships: [ { team: web, from: 2026-01-01 } ] }
  - { id: carol, name: Carol, identities: { slack: UCAROL }, memberships: [ { team: sre, from: 2026-01-01 } ] }
`;

describe('posting recognitions back to Slack and Teams (SQLite, in-process jobs)', () => {
  let dataDir: string;
  let eventStore: SqliteEventStore;
  let database: DataSource;
  let store: ProjectionStore;
  let jobs: InProcessJobs;
  let queue: JobQueue<RecognitionPostingJobs>;
  let slack: FakeSlackApi;
  let teams: FakeTeamsWebhook;
  let poster: RecognitionPoster | undefined;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-posting-'));
    eventStore = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite'), pollIntervalMs: 20 });
    database = await openReadModelDatabase(loadConfig({ TANDEM_DATA_DIR: dataDir }));
    store = projectionStoreOf(database);
    jobs = new InProcessJobs({ path: join(dataDir, 'jobs.sqlite'), pollIntervalMs: 50 });
    queue = jobs.queue<RecognitionPostingJobs>(RECOGNITION_POSTING_QUEUE);
    slack = new FakeSlackApi({ botToken: TOKEN, channels: [CHANNEL] });
    teams = new FakeTeamsWebhook();
    await Promise.all([slack.start(), teams.start()]);
    await applyOrganization(eventStore, parseOrganization(ORGANIZATION), { by: 'test', at: '2026-01-01T00:00:00Z' });
  });

  afterEach(async () => {
    await poster?.stop();
    poster = undefined;
    await jobs.close();
    await database.destroy();
    await eventStore.close();
    await Promise.all([slack.close(), teams.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function startPoster(): Promise<RecognitionPoster> {
    poster = new RecognitionPoster({
      eventStore,
      store,
      jobs,
      destinations: { slack: { channel: CHANNEL }, teams: true },
      clients: { slack: new SlackClient({ botToken: TOKEN, apiUrl: slack.apiUrl }), teams: new TeamsWebhookClient({ webhookUrl: teams.webhookUrl }) },
      logger,
      attempts: 4,
      backoffMs: 100,
      retryDelayMs: 50,
    });
    poster.start();
    await poster.caughtUp;
    return poster;
  }

  /** A kudos as the GraphQL mutation records it (decideKudos), appended to the event store. */
  async function giveKudos(requestId: string, message: string, at = new Date().toISOString()): Promise<GivenKudos> {
    const decision = decideKudos(
      { origin: 'api', requestId, fromPersonId: 'megan', to: ['bob', 'carol'], message, values: [], at },
      { directory: await readDirectory(eventStore), history: new KudosLedger() },
    );
    if (decision.outcome !== 'given') throw new Error(`kudos not given: ${JSON.stringify(decision)}`);
    await eventStore.append(decision.streamId, [toStoredEvent(decision.event)]);
    return decision;
  }

  const slackJob = (kudos: GivenKudos) => jobId('recognition', kudos.kudosId, 'slack');
  const kudosInStore = async () => (await eventStore.readAll({ limit: 10_000 })).filter((event) => event.type === 'KudosGiven').length;

  it('posts a new kudos once to the Slack channel (chat.postMessage with blocks) and to Teams (an Adaptive Card)', async () => {
    await startPoster();
    const kudos = await giveKudos('r-1', 'fixing the checkout alerts at 3am');

    await expectEventually(() => expect(slack.posted).toHaveLength(1), EVENTUALLY);
    expect(slack.posted[0]).toMatchObject({
      channel: CHANNEL,
      text: 'Kudos from Megan to Bob and Carol: fixing the checkout alerts at 3am',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: ':clap: Kudos from Megan to Bob and Carol: fixing the checkout alerts at 3am' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'From <@U123ABC456> to <@U222222222>, <@UCAROL>  ·  Teams: sre, web' }] },
      ],
    });
    await expectEventually(() => expect(teams.cards).toHaveLength(1), EVENTUALLY);
    expect(teams.cards[0]).toMatchObject({ type: 'AdaptiveCard', body: [{ text: 'Kudos' }, { text: 'Kudos from Megan to Bob and Carol: fixing the checkout alerts at 3am' }, { type: 'FactSet' }] });
    await expectEventually(async () => expect(await queue.get(slackJob(kudos))).toMatchObject({ state: 'completed', result: { channel: CHANNEL, ts: slack.posted[0].ts } }), EVENTUALLY);
  });

  it('posts nothing twice after a restart, even one that lost the checkpoint after the jobs were queued', async () => {
    await startPoster();
    const before = await eventStore.headPosition();
    const first = await giveKudos('r-1', 'the runbook');
    await expectEventually(() => expect(slack.posted).toHaveLength(1), EVENTUALLY);
    await expectEventually(async () => expect((await store.generations(RECOGNITION_POSTING))[0].position).toBe(before + 1), EVENTUALLY);
    await poster!.stop();

    // A crash after the jobs were queued but before the checkpoint moved: the same recognition is read again.
    const { generation } = (await store.generations(RECOGNITION_POSTING))[0];
    await moveCheckpoint(store, generation, before + 1, before);
    await startPoster();
    const second = await giveKudos('r-2', 'the migration');

    await expectEventually(() => expect(slack.posted.map((message) => message.text)).toEqual([expect.stringContaining('the runbook'), expect.stringContaining('the migration')]), EVENTUALLY);
    await expectEventually(() => expect(teams.cards).toHaveLength(2), EVENTUALLY);
    expect(await queue.get(slackJob(first))).toMatchObject({ state: 'completed' });
    await expectEventually(async () => expect(await queue.get(slackJob(second))).toMatchObject({ state: 'completed' }), EVENTUALLY);
    // Nothing more arrives: the first kudos' second enqueue was a no-op.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slack.posted).toHaveLength(2);
    expect(teams.cards).toHaveLength(2);
  });

  it('starts at the head the first time (no history flood) and skips recognitions too old to be news', async () => {
    await giveKudos('r-old-history', 'before posting was switched on');
    await startPoster();
    await giveKudos('r-stale', 'a kudos from last week, imported today', new Date(Date.now() - 7 * 24 * 3_600_000).toISOString());
    await giveKudos('r-new', 'a fresh one');

    await expectEventually(() => expect(slack.posted.map((message) => message.text)).toEqual(['Kudos from Megan to Bob and Carol: a fresh one']), EVENTUALLY);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.posted).toHaveLength(1);
  });

  it('keeps the recognition when Slack is rate limited or failing, and retries after the Retry-After delay', async () => {
    slack.script({ rateLimited: { retryAfterSeconds: 1 } }, { error: 'internal_error' });
    await startPoster();
    const kudos = await giveKudos('r-1', 'staying late for the failover');

    await expectEventually(() => expect(slack.posted).toHaveLength(1), EVENTUALLY);
    const tries = slack.requests.filter((request) => request.path === '/api/chat.postMessage');
    expect(tries).toHaveLength(3);
    expect(await kudosInStore()).toBe(1);
    // The fake has answered the third try; the worker records the job as done just after.
    await expectEventually(async () => expect(await queue.get(slackJob(kudos))).toMatchObject({ state: 'completed', failedAttempts: 2 }), EVENTUALLY);
    // Teams was not held up by Slack.
    expect(teams.cards).toHaveLength(1);
  });

  it('waits the Retry-After even when it is longer than the backoff', async () => {
    slack.script({ rateLimited: { retryAfterSeconds: 2 } });
    await startPoster();
    await giveKudos('r-1', 'the load test');

    await expectEventually(() => expect(slack.posted).toHaveLength(1), EVENTUALLY);
    const [limited, accepted] = slack.requests.filter((request) => request.path === '/api/chat.postMessage').map((request) => request.at);
    // The backoff alone would retry after 100 ms.
    expect(accepted - limited).toBeGreaterThanOrEqual(2_000);
  });

  it('dead-letters a post Slack refuses for good (channel_not_found) without retrying, and keeps the recognition', async () => {
    slack.script({ error: 'channel_not_found' });
    await startPoster();
    const kudos = await giveKudos('r-1', 'the dashboards');

    await expectEventually(async () => expect(await queue.get(slackJob(kudos))).toMatchObject({ state: 'dead', failedAttempts: 1, error: expect.stringContaining('channel_not_found') }), EVENTUALLY);
    expect((await queue.deadLetters()).map((job) => job.id)).toEqual([slackJob(kudos)]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slack.requests.filter((request) => request.path === '/api/chat.postMessage')).toHaveLength(1);
    expect(slack.posted).toHaveLength(0);
    expect(await kudosInStore()).toBe(1);
    await expectEventually(() => expect(teams.cards).toHaveLength(1), EVENTUALLY);
  });
});
