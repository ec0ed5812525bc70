import { Inject, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@tandem/eventstore';
import { METRICS_REGISTRY, type Logger, type Registry } from '@tandem/observability';
import { EVENT_LOG, EVENT_STORE, LOGGER } from '@tandem/runtime';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS } from '@tandem/sources';
import { WEBHOOK_TOPICS, WEBHOOKS_TOPIC, type Consumer, type EventLog } from '@tandem/eventlog';
import { RecorderMetrics } from './recorder-metrics';
import { WebhookRecorder } from './webhook-recorder';

export const RECORDER_GROUP_ID = 'tandem-recorder';

/** Consumes the webhook topic for as long as the application runs. */
@Module({})
export class RecorderModule implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer?: Consumer;
  private stopping = false;

  constructor(
    @Inject(EVENT_LOG) private readonly eventLog: EventLog,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const logger = this.logger.child({ component: 'recorder' });
    const recorder = new WebhookRecorder({
      eventLog: this.eventLog,
      eventStore: this.eventStore,
      normalizers: NORMALIZERS,
      settings: DEFAULT_NORMALIZER_SETTINGS,
      metrics: new RecorderMetrics(this.registry),
      logger,
    });
    await this.eventLog.ensureTopics([...WEBHOOK_TOPICS]);
    this.consumer = await this.eventLog.subscribe({
      topic: WEBHOOKS_TOPIC,
      groupId: RECORDER_GROUP_ID,
      handler: (message) => recorder.record(message, () => this.stopping),
      // A failure here means the store stayed down past the retries: nothing was committed, so
      // the process exits and its supervisor restarts it to resume from the last commit.
      onFailure: (error) => {
        logger.fatal({ err: error }, 'recorder stopped: the event store stayed unavailable; exiting to be restarted');
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      },
    });
    logger.info({ topic: WEBHOOKS_TOPIC, group: RECORDER_GROUP_ID }, 'recorder consuming');
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.consumer?.stop();
  }
}
