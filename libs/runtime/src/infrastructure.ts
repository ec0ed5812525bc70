import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  DeliveryArchive,
  migratePostgresDeliveryArchive,
  PostgresDeliveryArchive,
  SqliteDeliveryArchive,
} from '@tandem/archive';
import type { TandemConfig } from '@tandem/config';
import { EventLog, InProcessEventLog, KafkaEventLog, PrefixedEventLog } from '@tandem/eventlog';
import {
  EventStore,
  EventStoreDbEventStore,
  migratePostgresEventStore,
  PostgresEventStore,
  SqliteEventStore,
} from '@tandem/eventstore';
import { BullMqJobs, InProcessJobs, type Jobs } from '@tandem/jobs';
import { connectPubSub, type PubSub } from '@tandem/live-updates';
import { createLogger, createMetricsRegistry, Logger, ReadinessCheck, Registry } from '@tandem/observability';

/** The adapters behind every port, chosen once from the configuration: the only place the modes differ. */
export interface Infrastructure {
  config: TandemConfig;
  logger: Logger;
  metrics: Registry;
  eventLog: EventLog;
  eventStore: EventStore;
  /** The raw webhook archive (chat text removed), for re-deriving events with a fixed normalizer. */
  archive: DeliveryArchive;
  /** Live updates (GraphQL subscriptions): Redis in the distributed mode, so every API replica hears the projector. */
  pubSub: PubSub;
  /** Background jobs: BullMQ on Redis (distributed), the in-process scheduler in the data folder (embedded). */
  jobs: Jobs;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

export async function createInfrastructure(config: TandemConfig, service: string): Promise<Infrastructure> {
  const logger = createLogger({ service, level: config.logLevel });
  const metrics = createMetricsRegistry(service);
  const closers: (() => Promise<void>)[] = [];

  const eventLog = createEventLog(config, logger);
  closers.push(() => eventLog.close());
  // The distributed mode's database, shared by the event store and the archive.
  const pool = config.mode === 'distributed' && config.postgres ? new Pool({ connectionString: config.postgres.url, max: 10 }) : undefined;
  if (pool) {
    // An idle connection dropped by the server (restart, failover) is reported here; unheard, it would crash the process.
    pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost; the pool opens a new one when needed'));
    closers.push(() => pool.end());
  }
  const { eventStore, readiness } = await createEventStore(config, pool, closers);
  const archive = await createDeliveryArchive(config, pool, closers);
  const live = connectPubSub(config.mode === 'distributed' ? config.redis?.url : undefined, logger.child({ component: 'pub-sub' }));
  closers.push(() => live.close());
  const jobs = createJobs(config, logger, metrics);
  closers.push(() => jobs.close()); // closed first: running jobs finish while the store is still open

  return {
    config,
    logger,
    metrics,
    eventLog,
    eventStore,
    archive,
    pubSub: live.pubSub,
    jobs,
    readiness,
    // Close in reverse order of creation: consumers of the store stop before the store does.
    close: async () => {
      for (const close of closers.reverse()) await close();
    },
  };
}

function createEventLog(config: TandemConfig, logger: Logger): EventLog {
  const eventLogLogger = logger.child({ component: 'event-log' });
  if (config.mode === 'distributed' && config.kafka) {
    // 2.5 s: inside Slack's 3 s answer budget, so a broker outage is answered 503 (retry) rather than a timeout.
    const kafka = new KafkaEventLog({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger: eventLogLogger, unavailableAfterMs: 2_500 });
    return config.kafka.topicPrefix ? new PrefixedEventLog(kafka, config.kafka.topicPrefix) : kafka;
  }
  mkdirSync(config.paths.dataDir, { recursive: true });
  return new InProcessEventLog({ path: join(config.paths.dataDir, 'event-log.sqlite'), logger: eventLogLogger });
}

function createJobs(config: TandemConfig, logger: Logger, metrics: Registry): Jobs {
  const jobsLogger = logger.child({ component: 'jobs' });
  if (config.mode === 'distributed' && config.redis) {
    return new BullMqJobs({ url: config.redis.url, prefix: config.jobs.redisPrefix, metrics, logger: jobsLogger });
  }
  mkdirSync(config.paths.dataDir, { recursive: true });
  return new InProcessJobs({ path: join(config.paths.dataDir, 'jobs.sqlite'), metrics, logger: jobsLogger });
}

async function createEventStore(
  config: TandemConfig,
  pool: Pool | undefined,
  closers: (() => Promise<void>)[],
): Promise<{ eventStore: EventStore; readiness: ReadinessCheck[] }> {
  if (config.mode === 'distributed' && config.eventStoreDb) {
    const eventStore = new EventStoreDbEventStore({ connectionString: config.eventStoreDb.url });
    closers.push(() => eventStore.close());
    return { eventStore, readiness: [{ name: 'eventstoredb', check: async () => void (await eventStore.headPosition()) }] };
  }
  if (pool) {
    await migratePostgresEventStore(pool);
    const eventStore = new PostgresEventStore({ pool });
    closers.push(() => eventStore.close());
    return { eventStore, readiness: [{ name: 'postgresql', check: async () => void (await pool.query('SELECT 1')) }] };
  }
  mkdirSync(config.paths.dataDir, { recursive: true });
  const eventStore = new SqliteEventStore({ filename: join(config.paths.dataDir, 'events.sqlite') });
  closers.push(() => eventStore.close());
  return { eventStore, readiness: [{ name: 'sqlite', check: async () => void (await eventStore.headPosition()) }] };
}

/** PostgreSQL (migrated here, at start) in the distributed mode; a SQLite file beside the event store's in the embedded one. */
async function createDeliveryArchive(
  config: TandemConfig,
  pool: Pool | undefined,
  closers: (() => Promise<void>)[],
): Promise<DeliveryArchive> {
  let archive: DeliveryArchive;
  if (pool) {
    await migratePostgresDeliveryArchive(pool);
    archive = new PostgresDeliveryArchive({ pool });
  } else {
    mkdirSync(config.paths.dataDir, { recursive: true });
    archive = new SqliteDeliveryArchive({ filename: join(config.paths.dataDir, 'webhook-archive.sqlite') });
  }
  closers.push(() => archive.close());
  return archive;
}
