import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { InProcessEventLog, KafkaEventLog, type EventLog, type LogMessage } from '@tandem/eventlog';
import type { BenchResult } from './bench-result';

const MESSAGES = 100_000;
const VALUE_BYTES = 500;
const BATCH = 1_000;
const PARTITIONS = 6;
/** Raw and port runs alternate this many times; the best of each counts (a shared 2-core box is noisy). */
const ROUNDS = 3;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/**
 * Produce-to-consume throughput of 100,000 ~500-byte keyed messages: through the EventLog port
 * on Kafka, against raw kafkajs doing the same in the same run (idempotent producer, acks=-1,
 * same batches; a consumer group handing each message to an async handler and committing per
 * batch), and through the in-process log (SQLite file, synchronous=FULL).
 */
export async function benchEventLog(): Promise<BenchResult[]> {
  const batches = webhookBatches();
  const admin = new Kafka({ clientId: 'tandem-bench', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics: string[] = [];
  const newTopic = async (): Promise<string> => {
    const topic = `bench-eventlog-${randomBytes(4).toString('hex')}`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS }] });
    topics.push(topic);
    return topic;
  };
  try {
    await rawKafkaThroughput(await newTopic(), batches.slice(0, 10)); // warms up the broker's JIT and page cache
    let raw = 0;
    let port = 0;
    for (let round = 0; round < ROUNDS; round++) {
      raw = Math.max(raw, await rawKafkaThroughput(await newTopic(), batches));
      const log = new KafkaEventLog({ brokers, clientId: 'tandem-bench' });
      port = Math.max(port, await portThroughput(log, await newTopic(), batches));
    }
    const inProcess = await inProcessThroughput(batches);
    return [
      { name: 'eventlog: raw kafkajs produce→consume', value: raw, unit: 'msg/s' },
      {
        name: 'eventlog: KafkaEventLog produce→consume',
        value: port,
        unit: 'msg/s',
        baseline: raw,
        ratio: port / raw,
        target: '≥ 20,000 msg/s and ≥ 0.8× raw',
      },
      { name: 'eventlog: InProcessEventLog produce→consume', value: inProcess, unit: 'msg/s' },
    ];
  } finally {
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

function webhookBatches(): LogMessage[][] {
  const filler = 'x'.repeat(VALUE_BYTES);
  return Array.from({ length: MESSAGES / BATCH }, (_, b) =>
    Array.from({ length: BATCH }, (_, i) => {
      const n = b * BATCH + i;
      const value = Buffer.from(`{"delivery":${n},"payload":"${filler}"}`.slice(0, VALUE_BYTES - 2) + '"}');
      return { key: `repo-${n % 1_000}`, value, headers: { 'x-delivery-id': `delivery-${n}` } };
    }),
  );
}

/** Resolves when `expected` messages were counted, with a `count(n)` to call as they arrive. */
function arrivalCounter(expected: number): { count(n: number): void; allArrived: Promise<void> } {
  let arrived = 0;
  let done!: () => void;
  const allArrived = new Promise<void>((resolve) => (done = resolve));
  return {
    count(n) {
      arrived += n;
      if (arrived === expected) done();
    },
    allArrived,
  };
}

async function timedThroughput(
  total: number,
  publishAll: () => Promise<void>,
  allArrived: Promise<void>,
): Promise<number> {
  const startedAt = performance.now();
  await publishAll();
  await allArrived;
  return total / ((performance.now() - startedAt) / 1_000);
}

async function rawKafkaThroughput(topic: string, batches: LogMessage[][]): Promise<number> {
  const kafka = new Kafka({ clientId: 'tandem-bench-raw', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `${topic}-raw` });
  const total = batches.length * BATCH;
  const arrivals = arrivalCounter(total);
  await producer.connect();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    // Like the port, hand every message to an async handler (not just count the batch).
    const handler = async (): Promise<void> => arrivals.count(1);
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (let i = 0; i < batch.messages.length; i++) await handler();
      },
    });
    return await timedThroughput(
      total,
      async () => {
        for (const messages of batches) await producer.send({ topic, acks: -1, messages });
      },
      arrivals.allArrived,
    );
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

async function portThroughput(log: EventLog, topic: string, batches: LogMessage[][]): Promise<number> {
  const total = batches.length * BATCH;
  const arrivals = arrivalCounter(total);
  try {
    await log.ensureTopics([{ name: topic, partitions: PARTITIONS }]);
    await log.subscribe({ topic, groupId: `${topic}-port`, handler: async () => arrivals.count(1) });
    return await timedThroughput(
      total,
      async () => {
        for (const messages of batches) await log.publish(topic, messages);
      },
      arrivals.allArrived,
    );
  } finally {
    await log.close();
  }
}

async function inProcessThroughput(batches: LogMessage[][]): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-bench-eventlog-'));
  try {
    return await portThroughput(new InProcessEventLog({ path: join(directory, 'log.sqlite') }), 'bench', batches);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
