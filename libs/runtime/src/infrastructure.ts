import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import type { TandemConfig } from '@tandem/config';
import { EventLog, InProcessEventLog, KafkaEventLog } from '@tandem/eventlog';
import {
  EventStore,
  EventStoreDbEventStore,
  migratePostgresEventStore,
  PostgresEventStore,
  SqliteEventStore,
} from '@tandem/eventstore';
import { createLogger, createMetricsRegistry, Logger, ReadinessCheck, Registry } from '@tandem/observability';

/** The adapters behind every port, chosen once from the configuration: the only place the modes differ. */
export interface Infrastructure {
  config: TandemConfig;
  logger: Logger;
  metrics: Registry;
  eventLog: EventLog;
  eventStore: EventStore;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

export async function createInfrastructure(config: TandemConfig, service: string): Promise<Infrastructure> {
  const logger = createLogger({ service, level: config.logLevel });
  const metrics = createMetricsRegistry(service);
  const closers: (() => Promise<void>)[] = [];

  const eventLog = createEventLog(config, logger);
  closers.push(() => eventLog.close());
  const { eventStore, readiness } = await createEventStore(config, closers);

  return {
    config,
    logger,
    metrics,
    eventLog,
    eventStore,
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
    return new KafkaEventLog({ brokers: config.kafka.brokers, clientId: config.kafka.clientId, logger: eventLogLogger, unavailableAfterMs: 2_500 });
  }
  mkdirSync(config.paths.dataDir, { recursive: true });
  return new InProcessEventLog({ path: join(config.paths.dataDir, 'event-log.sqlite'), logger: eventLogLogger });
}

async function createEventStore(
  config: TandemConfig,
  closers: (() => Promise<void>)[],
): Promise<{ eventStore: EventStore; readiness: ReadinessCheck[] }> {
  if (config.mode === 'distributed' && config.eventStoreDb) {
    const eventStore = new EventStoreDbEventStore({ connectionString: config.eventStoreDb.url });
    closers.push(() => eventStore.close());
    return { eventStore, readiness: [{ name: 'eventstoredb', check: async () => void (await eventStore.headPosition()) }] };
  }
  if (config.mode === 'distributed' && config.postgres) {
    const pool = new Pool({ connectionString: config.postgres.url, max: 10 });
    closers.push(() => pool.end());
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
