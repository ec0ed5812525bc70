/**
 * The intake pipeline end to end on the real services: signed vendor payloads over HTTP into the
 * gateway, through a real Kafka broker, into the recorder, and into the PostgreSQL event store.
 * Duplicates, reordering and a Kafka outage must lose nothing and double nothing.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@tandem/config';
import type { RecordedEvent } from '@tandem/contracts';
import { RunningApp, startApp } from '@tandem/runtime';
import { createTestDatabase, expectEventually, TestDatabase } from '@tandem/testing';
import { GatewayModule } from '@apps/gateway';
import { RecorderModule } from '@apps/recorder';
import { deliver, Delivery, fixtureDelivery } from './deliver';

const KAFKA_SCRIPTS = join(__dirname, '..', '..', 'deploy', 'local', 'kafka');
const SECRET = 'e2e-secret';

describe('webhook pipeline: gateway → Kafka → recorder → PostgreSQL', () => {
  let database: TestDatabase;
  let running: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      TANDEM_MODE: 'distributed',
      PORT: '0',
      LOG_LEVEL: 'error',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      // Topics and consumer groups of this run alone: other suites deliver the same vendor samples.
      KAFKA_TOPIC_PREFIX: `pipeline-${randomUUID().slice(0, 8)}.`,
      TANDEM_GITHUB_WEBHOOK_SECRET: SECRET,
      TANDEM_PAGERDUTY_WEBHOOK_SECRET: SECRET,
    });
    running = await startApp({ service: 'e2e', modules: [GatewayModule, RecorderModule] }, config);
  }, 120_000);

  afterAll(async () => {
    await running?.app.close();
    await database?.drop();
  });

  const streamEvents = (streamId: string): Promise<RecordedEvent[]> => running.infrastructure.eventStore.readStream(streamId);

  function github(file: string, event: string, deliveryId = randomUUID()): Delivery & { deliveryId: string } {
    return { ...fixtureDelivery('github', 'github', file, { 'x-github-event': event, 'x-github-delivery': deliveryId }), deliveryId };
  }
  function pagerduty(file: string, deliveryId = randomUUID()): Delivery & { deliveryId: string } {
    return { ...fixtureDelivery('pagerduty', 'pagerduty', file, { 'x-webhook-id': deliveryId }), deliveryId };
  }

  it('records a signed GitHub pull request once, however often it is delivered', async () => {
    const opened = github('pull_request__opened.json', 'pull_request');
    const first = await deliver(running.url, opened, SECRET, opened.deliveryId);
    expect(first.status).toBe(202);
    // GitHub's manual redelivery keeps the X-GitHub-Delivery id.
    expect((await deliver(running.url, opened, SECRET, opened.deliveryId)).status).toBe(202);
    expect((await deliver(running.url, opened, SECRET, opened.deliveryId)).status).toBe(202);

    const streamId = 'pr-github-Codertocat/Hello-World-2';
    await expectEventually(async () => {
      const events = await streamEvents(streamId);
      expect(events.map((event) => event.type)).toEqual(['PullRequestOpened']);
      expect(events[0].metadata).toMatchObject({ source: 'github', sourceDeliveryId: opened.deliveryId, occurredAt: '2019-05-15T15:20:33.000Z' });
    }, { timeoutMs: 30_000 });
  });

  it('keeps every PagerDuty lifecycle event of an incident, delivered out of order and twice', async () => {
    const lifecycle = [pagerduty('zulip__triggered_v3.json'), pagerduty('zulip__acknowledged_v3.json'), pagerduty('zulip__resolved_v3.json')];
    for (const delivery of [lifecycle[2], lifecycle[0], lifecycle[1], lifecycle[0], lifecycle[2]]) {
      expect((await deliver(running.url, delivery, SECRET, delivery.deliveryId)).status).toBe(202);
    }
    await expectEventually(async () => {
      const recorded = (await allEvents()).filter((event) => event.metadata.source === 'pagerduty');
      expect(new Set(recorded.map((event) => event.metadata.sourceDeliveryId))).toEqual(new Set(lifecycle.map((delivery) => delivery.deliveryId)));
      expect(new Set(recorded.map((event) => event.eventId)).size).toBe(recorded.length);
      expect(recorded.map((event) => event.type)).toEqual(expect.arrayContaining(['PageTriggered', 'PageAcknowledged', 'PageResolved']));
    }, { timeoutMs: 30_000 });
  });

  it('answers 503 while Kafka is down, and the retried delivery is recorded once Kafka is back', async () => {
    const merged = github('pull_request__closed.merged.json', 'pull_request');
    execFileSync(join(KAFKA_SCRIPTS, 'stop.sh'), { stdio: 'ignore' });
    try {
      const refused = await deliver(running.url, merged, SECRET, merged.deliveryId);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).not.toBeNull();
    } finally {
      execFileSync(join(KAFKA_SCRIPTS, 'start.sh'), { stdio: 'ignore' });
    }
    // The vendor retries: the gateway publishes as soon as the broker answers again.
    await expectEventually(async () => {
      expect((await deliver(running.url, merged, SECRET, merged.deliveryId)).status).toBe(202);
    }, { timeoutMs: 60_000, intervalMs: 1_000 });
    await expectEventually(async () => {
      const fromThisDelivery = (await allEvents()).filter((event) => event.metadata.sourceDeliveryId === merged.deliveryId);
      expect(fromThisDelivery.map((event) => event.type)).toEqual(['PullRequestMerged']);
    }, { timeoutMs: 60_000 });
  }, 180_000);

  /** The test database is fresh, so everything in it comes from this file. */
  async function allEvents(): Promise<RecordedEvent[]> {
    return running.infrastructure.eventStore.readAll({ limit: 10_000 });
  }
});
