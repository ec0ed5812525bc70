/**
 * Harness for the recorder's integration tests; not a test file itself (the `.spec.ts` suffix only
 * keeps it out of the production build).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  migratePostgresDeliveryArchive,
  PostgresDeliveryArchive,
  SqliteDeliveryArchive,
  type ArchivedDelivery,
  type DeliveryArchive,
} from '@tandem/archive';
import type { RecordedEvent } from '@tandem/contracts';
import { InProcessEventLog, KafkaEventLog, type ConsumedMessage, type Consumer, type EventLog, type LogMessage } from '@tandem/eventlog';
import { migratePostgresEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '@tandem/eventstore';
import { createLogger } from '@tandem/observability';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS } from '@tandem/sources';
import { createTestSchema } from '@tandem/testing';
import {
  encodeWebhookEnvelope,
  envelopeLogHeaders,
  routeDelivery,
  WEBHOOK_ENVELOPE_VERSION,
  type WebhookEnvelope,
  type WebhookSource,
} from '@tandem/webhooks';
import { Registry } from 'prom-client';
import { readDelivery } from '../read-delivery';
import { RecorderMetrics } from '../recorder-metrics';
import { WebhookRecorder } from '../webhook-recorder';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'webhooks');
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** A real event log, event store and archive of one run mode. */
export interface Backend {
  eventLog: EventLog;
  eventStore: EventStore;
  archive: DeliveryArchive;
  /** Closes the event log and opens it again on the same storage, as a restarted process would. */
  reopenLog(): Promise<EventLog>;
  dispose(): Promise<void>;
}

export interface RecorderBackend {
  name: string;
  open(): Promise<Backend>;
}

export const KAFKA_AND_POSTGRES: RecorderBackend = {
  name: 'Kafka and PostgreSQL',
  async open() {
    const { pool, schema, drop } = await createTestSchema({ prefix: 'recorder', max: 6 });
    await migratePostgresEventStore(pool, schema);
    await migratePostgresDeliveryArchive(pool, schema);
    const eventStore = new PostgresEventStore({ pool, schema, pollIntervalMs: 200 });
    const openLog = () => new KafkaEventLog({ brokers, clientId: 'tandem-recorder-test' });
    const backend: Backend = {
      eventLog: openLog(),
      eventStore,
      archive: new PostgresDeliveryArchive({ pool, schema }),
      async reopenLog() {
        await backend.eventLog.close();
        backend.eventLog = openLog();
        return backend.eventLog;
      },
      async dispose() {
        await backend.eventLog.close();
        await eventStore.close();
        await drop();
      },
    };
    return backend;
  },
};

export const IN_PROCESS_AND_SQLITE: RecorderBackend = {
  name: 'the in-process log and SQLite',
  async open() {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-recorder-'));
    const openLog = () => new InProcessEventLog({ path: join(directory, 'event-log.sqlite') });
    const eventStore = new SqliteEventStore({ filename: join(directory, 'events.sqlite'), pollIntervalMs: 50 });
    const archive = new SqliteDeliveryArchive({ filename: join(directory, 'webhook-archive.sqlite') });
    const backend: Backend = {
      eventLog: openLog(),
      eventStore,
      archive,
      async reopenLog() {
        await backend.eventLog.close();
        backend.eventLog = openLog();
        return backend.eventLog;
      },
      async dispose() {
        await backend.eventLog.close();
        await eventStore.close();
        await archive.close();
        rmSync(directory, { recursive: true, force: true });
      },
    };
    return backend;
  },
};

export const BACKENDS: readonly RecorderBackend[] = [KAFKA_AND_POSTGRES, IN_PROCESS_AND_SQLITE];

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** A delivery as the gateway puts it on the webhook topic. */
export interface Delivery {
  envelope: WebhookEnvelope;
  message: LogMessage;
}

export function gatewayDelivery(source: WebhookSource, body: string, headers: Record<string, string> = {}): Delivery {
  const rawBody = Buffer.from(body, 'utf8');
  const routed = routeDelivery(source, { headers, rawBody }, JSON.parse(body));
  const envelope: WebhookEnvelope = {
    version: WEBHOOK_ENVELOPE_VERSION,
    source,
    deliveryId: routed.deliveryId,
    receivedAt: new Date().toISOString(),
    correlationId: randomUUID(),
    headers: routed.headers,
    body,
  };
  return { envelope, message: { key: routed.partitionKey, value: encodeWebhookEnvelope(envelope), headers: envelopeLogHeaders(envelope) } };
}

export function fixtureBody(folder: string, file: string): string {
  return readFileSync(join(FIXTURES, folder, `${file}.json`), 'utf8');
}

/** Real payloads that become events; each call gives deliveries with fresh delivery ids. */
export function recordableDeliveries(count: number): Delivery[] {
  const makers = [
    () => gatewayDelivery('github', fixtureBody('github', 'pull_request__opened'), { 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID() }),
    () => gatewayDelivery('github', fixtureBody('github', 'pull_request_review__submitted'), { 'x-github-event': 'pull_request_review', 'x-github-delivery': randomUUID() }),
    () => gatewayDelivery('pagerduty', fixtureBody('pagerduty', 'zulip__triggered_v3'), { 'x-webhook-id': randomUUID() }),
    () => gatewayDelivery('pagerduty', fixtureBody('pagerduty', 'zulip__resolved_v3'), { 'x-webhook-id': randomUUID() }),
  ];
  return Array.from({ length: count }, (_, index) => makers[index % makers.length]());
}

/** How many events the current normalizers derive from these deliveries. */
export function expectedEventCount(deliveries: readonly Delivery[]): number {
  return deliveries.reduce((sum, { envelope }) => {
    const reading = readDelivery(envelope, { normalizers: NORMALIZERS, settings: DEFAULT_NORMALIZER_SETTINGS });
    return sum + (reading.outcome === 'recorded' ? reading.streams.reduce((events, stream) => events + stream.events.length, 0) : 0);
  }, 0);
}

/** The stored events that came from these deliveries, in global order. */
export async function eventsOf(eventStore: EventStore, deliveries: readonly Delivery[]): Promise<RecordedEvent[]> {
  const ids = new Set(deliveries.map(({ envelope }) => envelope.deliveryId));
  const events: RecordedEvent[] = [];
  for (let page = await eventStore.readAll({ limit: 5_000 }); page.length > 0; ) {
    events.push(...page.filter((event) => ids.has(event.metadata.sourceDeliveryId ?? '')));
    page = await eventStore.readAll({ after: page[page.length - 1].globalPosition, limit: 5_000 });
  }
  return events;
}

export async function archivedRows(archive: DeliveryArchive, deliveries: readonly Delivery[]): Promise<ArchivedDelivery[]> {
  const ids = new Set(deliveries.map(({ envelope }) => envelope.deliveryId));
  const rows: ArchivedDelivery[] = [];
  for (let page = await archive.readPage({}, undefined, 5_000); page.length > 0; ) {
    rows.push(...page.filter((row) => ids.has(row.deliveryId)));
    page = await archive.readPage({}, page[page.length - 1], 5_000);
  }
  return rows;
}

/** A recorder consuming topics of its own, with its own metrics registry. */
export class RecorderUnderTest {
  readonly registry = new Registry();
  readonly failures: Error[] = [];
  readonly topic = uniqueName('webhooks');
  readonly deadLetterTopic = uniqueName('webhooks-dlq');
  readonly groupId = uniqueName('recorder');
  private consumer?: Consumer;

  constructor(
    private readonly backend: Backend,
    private readonly overrides: { eventStore?: EventStore; archive?: DeliveryArchive; maxOutageMs?: number } = {},
  ) {}

  async start(eventLog: EventLog = this.backend.eventLog): Promise<this> {
    await eventLog.ensureTopics([
      { name: this.topic, partitions: 3 },
      { name: this.deadLetterTopic, partitions: 1 },
    ]);
    const recorder = new WebhookRecorder({
      eventLog,
      eventStore: this.overrides.eventStore ?? this.backend.eventStore,
      archive: this.overrides.archive ?? this.backend.archive,
      normalizers: NORMALIZERS,
      settings: DEFAULT_NORMALIZER_SETTINGS,
      metrics: new RecorderMetrics(this.registry),
      logger: createLogger({ service: 'recorder-test', level: 'silent' }),
      deadLetterTopic: this.deadLetterTopic,
      maxOutageMs: this.overrides.maxOutageMs,
    });
    this.consumer = await recorder.consume({ topic: this.topic, groupId: this.groupId, onFailure: (error) => this.failures.push(error) });
    return this;
  }

  /** The same topics and group, another recorder: a restarted process. */
  successor(overrides: RecorderUnderTest['overrides'] = {}): RecorderUnderTest {
    return Object.assign(new RecorderUnderTest(this.backend, overrides), { topic: this.topic, deadLetterTopic: this.deadLetterTopic, groupId: this.groupId });
  }

  async publish(deliveries: readonly Pick<Delivery, 'message'>[]): Promise<void> {
    await this.backend.eventLog.publish(
      this.topic,
      deliveries.map((delivery) => delivery.message),
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  /** Counter values by label set, e.g. `{ source: 'github', reason: 'MALFORMED' }`. */
  async counter(name: string): Promise<{ labels: Record<string, string | number | undefined>; value: number }[]> {
    const metric = this.registry.getSingleMetric(name);
    return metric ? (await metric.get()).values.map(({ labels, value }) => ({ labels: { ...labels }, value })) : [];
  }
}

/** Everything published to a topic from now on, read by a group of its own. */
export async function readTopic(eventLog: EventLog, topic: string): Promise<{ received: ConsumedMessage[]; stop(): Promise<void> }> {
  const received: ConsumedMessage[] = [];
  const consumer = await eventLog.subscribe({ topic, groupId: uniqueName('reader'), handler: async (message) => void received.push(message) });
  return { received, stop: () => consumer.stop() };
}
