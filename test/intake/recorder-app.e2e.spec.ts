/**
 * The recorder as it runs in production (`startApp`, distributed mode) on a real Kafka broker and
 * a real PostgreSQL database, on topics of its own so that nothing else consuming the shared
 * broker sees these deliveries: dead letters with their reason, the DLQ metric on /metrics, the
 * raw archive without chat text, a real database outage, a delivery PostgreSQL refuses, and a
 * restart in the middle of a stream.
 */
import { randomUUID } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { KafkaEventLog } from '@tandem/eventlog';
import { RunningApp, startApp } from '@tandem/runtime';
import { createTestDatabase, databaseUrl, expectEventually, type TestDatabase } from '@tandem/testing';
import { RecorderModule, type RecorderTopics } from '@apps/recorder';
import {
  archivedRows,
  eventsOf,
  expectedEventCount,
  fixtureBody,
  gatewayDelivery,
  readTopic,
  recordableDeliveries,
  uniqueName,
  type Delivery,
} from '../../apps/recorder/src/testing/recorder.harness.spec';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const eventually = (assertion: () => Promise<void> | void, timeoutMs = 60_000) => expectEventually(assertion, { timeoutMs, intervalMs: 100 });

describe('the recorder app on Kafka and PostgreSQL', () => {
  let database: TestDatabase;
  let config: TandemConfig;
  const publisher = new KafkaEventLog({ brokers, clientId: 'tandem-intake-e2e' });
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    config = loadConfig({
      TANDEM_MODE: 'distributed',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers.join(','),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((running) => running.app.close()));
  });

  afterAll(async () => {
    await publisher.close();
    await database?.drop();
  });

  const freshTopics = (): RecorderTopics => ({ topic: uniqueName('webhooks'), deadLetterTopic: uniqueName('webhooks-dlq'), groupId: uniqueName('recorder') });

  async function startRecorder(topics: RecorderTopics): Promise<RunningApp> {
    const running = await startApp({ service: 'recorder-e2e', modules: [RecorderModule.withTopics(topics)] }, config);
    apps.push(running);
    return running;
  }

  async function publish(topics: RecorderTopics, deliveries: readonly Pick<Delivery, 'message'>[]): Promise<void> {
    await publisher.ensureTopics([{ name: topics.topic, partitions: 6 }]);
    // A produce request is bounded by the broker's message size: send real payloads a few at a time.
    for (let start = 0; start < deliveries.length; start += 20) {
      await publisher.publish(
        topics.topic,
        deliveries.slice(start, start + 20).map((delivery) => delivery.message),
      );
    }
  }

  async function metric(running: RunningApp, name: string, labels: Record<string, string>): Promise<number> {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  const expectRecordedOnce = async (running: RunningApp, deliveries: Delivery[]) => {
    await eventually(async () => expect(await archivedRows(running.infrastructure.archive, deliveries)).toHaveLength(deliveries.length));
    const events = await eventsOf(running.infrastructure.eventStore, deliveries);
    expect(events).toHaveLength(expectedEventCount(deliveries));
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
  };

  it('parks unreadable deliveries in the dead-letter topic with the reason, counts them on /metrics, and records the next delivery of the partition', async () => {
    const topics = freshTopics();
    const running = await startRecorder(topics);
    const dlq = await readTopic(publisher, topics.deadLetterTopic);
    const good = recordableDeliveries(1)[0];
    const malformed = gatewayDelivery('github', '{"action":"opened"}', { 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID() });
    const unknownType = gatewayDelivery('github', fixtureBody('github', 'pull_request__opened'), { 'x-github-event': 'made_up_event', 'x-github-delivery': randomUUID() });
    const notAnEnvelope = { message: { key: good.message.key, value: Buffer.from('{"version":2}'), headers: { 'tandem-source': 'github' } } };
    try {
      await publish(topics, [malformed, unknownType, notAnEnvelope, good].map(({ message }) => ({ message: { ...message, key: good.message.key } })));

      await expectRecordedOnce(running, [good]);
      await eventually(() => expect(dlq.received.map((letter) => letter.headers['tandem-dlq-reason'])).toEqual(['MALFORMED', 'UNKNOWN_EVENT_TYPE', 'INVALID_ENVELOPE']));
      expect(dlq.received.map((letter) => letter.headers['tandem-dlq-error'].split(':')[0])).toEqual(['MALFORMED', 'UNKNOWN_EVENT_TYPE', 'INVALID_ENVELOPE']);
      for (const reason of ['MALFORMED', 'UNKNOWN_EVENT_TYPE', 'INVALID_ENVELOPE']) {
        expect(await metric(running, 'tandem_webhooks_dlq_total', { source: 'github', reason })).toBe(1);
      }
      expect((await archivedRows(running.infrastructure.archive, [malformed, unknownType])).map((row) => row.reason).sort()).toEqual(['MALFORMED', 'UNKNOWN_EVENT_TYPE']);
    } finally {
      await dlq.stop();
    }
  }, 120_000);

  it('keeps chat text out of webhook_archive, except the text of a kudos', async () => {
    const topics = freshTopics();
    const running = await startRecorder(topics);
    const slack = (text: string) =>
      gatewayDelivery(
        'slack',
        JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: `Ev${randomUUID()}`, event: { type: 'message', channel: 'C1', user: 'U1', ts: '1700000000.000100', text } }),
      );
    const [chat, kudos] = [slack('the launch date is secret <@U2>'), slack('kudos <@U2> for the calm rollback')];

    await publish(topics, [chat, kudos]);

    await expectRecordedOnce(running, [chat, kudos]);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ delivery_id: string; body: string }>('SELECT delivery_id, body FROM webhook_archive WHERE source = $1', ['slack']);
      const bodyOf = (delivery: Delivery) => rows.find((row) => row.delivery_id === delivery.envelope.deliveryId)?.body ?? '';
      expect(bodyOf(chat)).not.toContain('secret');
      expect(JSON.parse(bodyOf(chat)).event.text).toBe('<@U2>');
      expect(JSON.parse(bodyOf(kudos)).event.text).toBe('kudos <@U2> for the calm rollback');
    } finally {
      await client.end();
    }
  }, 120_000);

  it('retries while PostgreSQL refuses every connection, and records everything once it is back', async () => {
    const topics = freshTopics();
    const running = await startRecorder(topics);
    const deliveries = recordableDeliveries(12);
    const name = new URL(database.url).pathname.slice(1);
    const admin = new Client({ connectionString: databaseUrl() });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${escapeIdentifier(name)} WITH ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);

      await publish(topics, deliveries);
      await eventually(async () => expect(await metric(running, 'tandem_recorder_retries_total', { step: 'append' })).toBeGreaterThanOrEqual(2));
    } finally {
      await admin.query(`ALTER DATABASE ${escapeIdentifier(name)} WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }

    await expectRecordedOnce(running, deliveries);
  }, 120_000);

  it('dead-letters a delivery PostgreSQL refuses for good (a NUL in an author login) and records the rest of the partition', async () => {
    const topics = freshTopics();
    const running = await startRecorder(topics);
    const dlq = await readTopic(publisher, topics.deadLetterTopic);
    const body = JSON.parse(fixtureBody('github', 'pull_request__opened'));
    body.pull_request.user.login = 'octo\u0000cat';
    const poison = gatewayDelivery('github', JSON.stringify(body), { 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID() });
    const [before, after] = recordableDeliveries(2);
    try {
      await publish(topics, [before, poison, after].map(({ message }) => ({ message: { ...message, key: poison.message.key } })));

      await expectRecordedOnce(running, [before, after]);
      await eventually(() => expect(dlq.received.map((letter) => letter.headers['tandem-dlq-reason'])).toEqual(['STORE_REJECTED']));
      expect(await eventsOf(running.infrastructure.eventStore, [poison])).toEqual([]);
      expect((await archivedRows(running.infrastructure.archive, [poison])).map((row) => row.reason)).toEqual(['STORE_REJECTED']);
    } finally {
      await dlq.stop();
    }
  }, 120_000);

  it('stopped in the middle of a stream and started again, it loses nothing and doubles nothing', async () => {
    const topics = freshTopics();
    const deliveries = recordableDeliveries(1_200);
    await publish(topics, deliveries);
    const first = await startRecorder(topics);
    const archivedBefore = await first.infrastructure.archive.count({});
    // Counting is cheap; reading the rows back (megabytes of payloads) is done once, at the end.
    const recordedSoFar = async (running: RunningApp) => (await running.infrastructure.archive.count({})) - archivedBefore;

    await eventually(async () => expect(await recordedSoFar(first)).toBeGreaterThan(0));
    await first.app.close();
    apps.splice(apps.indexOf(first), 1);
    const second = await startRecorder(topics);
    const recordedAtRestart = await recordedSoFar(second);
    await eventually(async () => expect(await recordedSoFar(second)).toBe(deliveries.length));

    expect(recordedAtRestart).toBeLessThan(deliveries.length);
    await expectRecordedOnce(second, deliveries);
  }, 180_000);
});
