/**
 * Harness for the gateway's integration tests; not a test file itself (the `.spec.ts` suffix only
 * keeps it out of the production build).
 */
import { Global, Module, type Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@tandem/config';
import { EventLogUnavailableError, type Consumer, type EventLog, type LogMessage } from '@tandem/eventlog';
import { createLogger, METRICS_REGISTRY } from '@tandem/observability';
import { CONFIG, EVENT_LOG, LOGGER } from '@tandem/runtime';
import { signWebhook, WEBHOOK_SECRET_ENV, WEBHOOK_SOURCES, type WebhookSource } from '@tandem/webhooks';
import { Registry } from 'prom-client';
import { GatewayModule } from '../gateway.module';
import { GATEWAY_CLOCK } from '../tokens';

export interface PublishedMessage extends LogMessage {
  readonly topic: string;
}

/**
 * An in-memory stand-in for the EventLog port: it records what the gateway publishes and can be
 * made unavailable or held. Only the gateway's use of the port is under test here; the real
 * adapters (Kafka, in-process) pass the port's contract suite in libs/eventlog.
 */
export class RecordingEventLog implements EventLog {
  readonly published: PublishedMessage[] = [];
  private unavailable = false;
  private held?: { release: Promise<void>; onStarted: () => void };

  makeUnavailable(): void {
    this.unavailable = true;
  }

  makeAvailable(): void {
    this.unavailable = false;
  }

  /** Holds publishes until `release()`; `started` resolves once a publish is waiting. */
  hold(): { started: Promise<void>; release: () => void } {
    let release = (): void => undefined;
    let onStarted = (): void => undefined;
    const started = new Promise<void>((resolve) => (onStarted = resolve));
    this.held = { release: new Promise<void>((resolve) => (release = resolve)), onStarted };
    return { started, release: () => ((this.held = undefined), release()) };
  }

  async publish(topic: string, messages: LogMessage[]): Promise<void> {
    if (this.held) {
      this.held.onStarted();
      await this.held.release;
    }
    if (this.unavailable) throw new EventLogUnavailableError('broker unreachable (test double)');
    this.published.push(...messages.map((message) => ({ topic, ...message })));
  }

  async ensureTopics(): Promise<void> {}

  async subscribe(): Promise<Consumer> {
    throw new Error('the gateway only publishes');
  }

  async close(): Promise<void> {}
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** One valid secret per source, in each vendor's format. */
export const TEST_SECRETS: Readonly<Record<WebhookSource, string>> = {
  github: 'github-webhook-secret',
  gitlab: 'gitlab-secret-token',
  slack: 'slack-signing-secret',
  teams: base64('teams outgoing webhook security token'),
  pagerduty: 'pagerduty-webhook-secret',
  opsgenie: 'opsgenie-shared-token',
  incidentio: `whsec_${base64('incident.io signing key')}`,
  jira: 'jira-webhook-secret',
};

/** The environment of a gateway configured for every source. */
export function secretsEnv(secrets: Partial<Record<WebhookSource, string>> = TEST_SECRETS): Record<string, string> {
  return Object.fromEntries(
    WEBHOOK_SOURCES.flatMap((source) => (secrets[source] === undefined ? [] : [[WEBHOOK_SECRET_ENV[source], secrets[source]]])),
  );
}

export interface GatewayUnderTest {
  readonly app: NestFastifyApplication;
  readonly eventLog: RecordingEventLog;
  readonly registry: Registry;
  /** The gateway's clock; move `now` to test the replay windows. */
  readonly clock: { now: Date };
  /** Set when started with `listen: true`. */
  readonly url?: string;
  close(): Promise<void>;
}

export const TEST_NOW = new Date('2024-05-01T12:00:00.000Z');

/**
 * Boots `GatewayModule` as the runtime does (its global CONFIG, EVENT_LOG, LOGGER, METRICS_REGISTRY),
 * with a configuration read from `env`, the recording event log and a fixed clock.
 */
export async function startGateway(
  env: Record<string, string> = secretsEnv(),
  options: { listen?: boolean; extraControllers?: Type<unknown>[] } = {},
): Promise<GatewayUnderTest> {
  const config = loadConfig(env);
  const eventLog = new RecordingEventLog();
  const registry = new Registry();
  const clock = { now: TEST_NOW };

  @Global()
  @Module({
    providers: [
      { provide: CONFIG, useValue: config },
      { provide: EVENT_LOG, useValue: eventLog },
      { provide: METRICS_REGISTRY, useValue: registry },
      { provide: LOGGER, useValue: createLogger({ service: 'gateway-test', level: 'silent' }) },
    ],
    exports: [CONFIG, EVENT_LOG, METRICS_REGISTRY, LOGGER],
  })
  class TestInfrastructureModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [TestInfrastructureModule, GatewayModule],
    controllers: options.extraControllers ?? [],
  })
    .overrideProvider(GATEWAY_CLOCK)
    .useValue(() => clock.now)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    new FastifyAdapter({ bodyLimit: config.http.webhookBodyLimitBytes }),
    { logger: false },
  );
  let url: string | undefined;
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  } else {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }
  return { app, eventLog, registry, clock, url, close: () => app.close() };
}

/** Headers of a delivery signed as `source` signs it, at the gateway's test time. */
export function signedHeaders(
  source: WebhookSource,
  body: Buffer,
  options: { secret?: string; now?: Date; deliveryId?: string } = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    ...signWebhook(source, body, options.secret ?? TEST_SECRETS[source], {
      now: options.now ?? TEST_NOW,
      deliveryId: options.deliveryId ?? 'msg_test-delivery',
    }),
  };
}
