// The gateway alone in its own process, for bench/gateway.bench.ts (so that the load generator
// does not share its event loop): the production GatewayModule on Fastify, publishing to a Kafka
// topic of the benchmark's own. Prints its URL as the first line of stdout; stops on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayModule } from '@apps/gateway';
import { loadConfig } from '@tandem/config';
import { KafkaEventLog, WEBHOOKS_DLQ_TOPIC, WEBHOOKS_TOPIC, type EventLog } from '@tandem/eventlog';
import { createInfrastructure, InfrastructureModule } from '@tandem/runtime';

/**
 * The gateway publishes to `tandem.webhooks.v1`: renamed here to the run's own topic, so that no
 * recorder consuming the shared broker receives a benchmark's tens of thousands of deliveries.
 */
function onTopic(log: EventLog, topic: string): EventLog {
  const renamed = (name: string) => (name === WEBHOOKS_TOPIC ? topic : name === WEBHOOKS_DLQ_TOPIC ? `${topic}-dlq` : name);
  return {
    ensureTopics: (topics) => log.ensureTopics(topics.map((each) => ({ ...each, name: renamed(each.name) }))),
    publish: (name, messages) => log.publish(renamed(name), messages),
    subscribe: (options) => log.subscribe({ ...options, topic: renamed(options.topic) }),
    close: () => log.close(),
  };
}

async function main(): Promise<void> {
  const [topic] = process.argv.slice(2);
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-gateway-'));
  const config = loadConfig({ ...process.env, TANDEM_MODE: 'embedded', TANDEM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'error' });
  const infrastructure = await createInfrastructure(config, 'gateway-bench');
  // Same unavailability bound as the distributed gateway (libs/runtime).
  const kafka = new KafkaEventLog({ brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'tandem-bench-gateway', unavailableAfterMs: 2_500 });
  const eventLog = onTopic(kafka, topic);
  const close = async () => {
    await eventLog.close();
    await infrastructure.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  @Module({ imports: [InfrastructureModule.forRoot({ ...infrastructure, eventLog, close }), GatewayModule] })
  class GatewayBench {}

  const app = await NestFactory.create<NestFastifyApplication>(GatewayBench, new FastifyAdapter({ bodyLimit: config.http.webhookBodyLimitBytes }), { logger: false });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  process.stdout.write(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
