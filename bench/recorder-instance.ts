// One recorder process for bench/recorder.bench.ts, as a deployed recorder runs: the production
// WebhookRecorder on Kafka, storing to PostgreSQL (a schema) or SQLite (a folder), given as
// `recorder-instance.ts <topic> <group> postgres:<schema>|sqlite:<folder>`. Prints `ready` once it
// has joined the group, then one line per batch recorded: the number of deliveries in it. Reads
// `hold` (answered `held`) and `go` lines on stdin: between them, batches wait before they are recorded.
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
import { PostgresDeliveryArchive, SqliteDeliveryArchive, type DeliveryArchive } from '@tandem/archive';
import { KafkaEventLog, type BatchSubscribeOptions, type EventLog } from '@tandem/eventlog';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '@tandem/eventstore';
import { createLogger } from '@tandem/observability';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS } from '@tandem/sources';
import { databaseUrl } from '@tandem/testing';
import { Registry } from 'prom-client';
import { RecorderMetrics, WebhookRecorder } from '@apps/recorder';

function openStores(store: string): { eventStore: EventStore; archive: DeliveryArchive; close(): Promise<void> } {
  const [kind, where] = [store.slice(0, store.indexOf(':')), store.slice(store.indexOf(':') + 1)];
  if (kind === 'sqlite') {
    const eventStore = new SqliteEventStore({ filename: join(where, 'events.sqlite') });
    const archive = new SqliteDeliveryArchive({ filename: join(where, 'webhook-archive.sqlite') });
    return { eventStore, archive, close: async () => void (await Promise.all([eventStore.close(), archive.close()])) };
  }
  const pool = new Pool({ connectionString: databaseUrl(), max: 6 });
  const eventStore = new PostgresEventStore({ pool, schema: where });
  return {
    eventStore,
    archive: new PostgresDeliveryArchive({ pool, schema: where }),
    close: async () => {
      await eventStore.close();
      await pool.end();
    },
  };
}

/** Opened by `go` on stdin, closed by `hold`: what the batches wait for before they are recorded. */
function stdinGate(): () => Promise<void> {
  let open: Promise<void> = Promise.resolve();
  let opening = () => {};
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'hold') {
      open = new Promise((resolve) => (opening = resolve));
      process.stdout.write('held\n');
    }
    if (line === 'go') opening();
  });
  return () => open;
}

/** The recorder subscribes as in production; each batch waits for the gate, and is reported once recorded. */
function reportingBatches(eventLog: EventLog, gate: () => Promise<void>): EventLog {
  return Object.assign(Object.create(eventLog) as EventLog, {
    subscribe: (options: BatchSubscribeOptions) =>
      eventLog.subscribe({
        ...options,
        batchHandler: async (messages) => {
          await gate();
          await options.batchHandler(messages);
          process.stdout.write(`${messages.length}\n`);
        },
      }),
  });
}

async function main(): Promise<void> {
  const [topic, groupId, store] = process.argv.slice(2);
  const eventLog = new KafkaEventLog({ brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'tandem-bench-recorder' });
  const stores = openStores(store);
  const recorder = new WebhookRecorder({
    eventLog: reportingBatches(eventLog, stdinGate()),
    eventStore: stores.eventStore,
    archive: stores.archive,
    normalizers: NORMALIZERS,
    settings: DEFAULT_NORMALIZER_SETTINGS,
    metrics: new RecorderMetrics(new Registry()),
    logger: createLogger({ service: 'bench-recorder', level: 'error' }),
    deadLetterTopic: `${topic}-dlq`,
  });
  // Resolves once the consumer has joined the group and has its partitions.
  const consumer = await recorder.consume({
    topic,
    groupId,
    onFailure: (error) => {
      console.error(error);
      process.exit(1);
    },
  });
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void (async () => {
      await consumer.stop();
      await eventLog.close();
      await stores.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
