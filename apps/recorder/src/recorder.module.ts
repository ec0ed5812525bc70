import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import type { DeliveryArchive } from '@tandem/archive';
import { WEBHOOK_TOPICS, WEBHOOKS_DLQ_TOPIC, WEBHOOKS_TOPIC, type Consumer, type EventLog } from '@tandem/eventlog';
import type { EventStore } from '@tandem/eventstore';
import { METRICS_REGISTRY, type Logger, type Registry } from '@tandem/observability';
import { DELIVERY_ARCHIVE, EVENT_LOG, EVENT_STORE, LOGGER } from '@tandem/runtime';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS } from '@tandem/sources';
import { RecorderMetrics } from './recorder-metrics';
import { WebhookRecorder } from './webhook-recorder';

export const RECORDER_GROUP_ID = 'tandem-recorder';

/** Where the recorder reads and parks deliveries; tests and benchmarks use topics of their own. */
export interface RecorderTopics {
  topic: string;
  deadLetterTopic: string;
  groupId: string;
}

const RECORDER_TOPICS = Symbol('TANDEM_RECORDER_TOPICS');

const DEFAULT_TOPICS: RecorderTopics = { topic: WEBHOOKS_TOPIC, deadLetterTopic: WEBHOOKS_DLQ_TOPIC, groupId: RECORDER_GROUP_ID };

/** Consumes the webhook topic for as long as the application runs. */
@Module({})
export class RecorderModule implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer?: Consumer;
  private readonly topics: RecorderTopics;

  constructor(
    @Inject(EVENT_LOG) private readonly eventLog: EventLog,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DELIVERY_ARCHIVE) private readonly archive: DeliveryArchive,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Optional() @Inject(RECORDER_TOPICS) topics?: RecorderTopics,
  ) {
    this.topics = topics ?? DEFAULT_TOPICS;
  }

  /** The recorder on other topics than the production ones (the plain module uses those). */
  static withTopics(topics: RecorderTopics): DynamicModule {
    return { module: RecorderModule, providers: [{ provide: RECORDER_TOPICS, useValue: topics }] };
  }

  async onApplicationBootstrap(): Promise<void> {
    const logger = this.logger.child({ component: 'recorder' });
    const { topic, deadLetterTopic, groupId } = this.topics;
    const recorder = new WebhookRecorder({
      eventLog: this.eventLog,
      eventStore: this.eventStore,
      archive: this.archive,
      normalizers: NORMALIZERS,
      settings: DEFAULT_NORMALIZER_SETTINGS,
      metrics: new RecorderMetrics(this.registry),
      logger,
      deadLetterTopic,
    });
    const [deliveries, deadLetters] = WEBHOOK_TOPICS;
    await this.eventLog.ensureTopics([
      { name: topic, partitions: deliveries.partitions },
      { name: deadLetterTopic, partitions: deadLetters.partitions },
    ]);
    this.consumer = await recorder.consume({
      topic,
      groupId,
      // The store or the log stayed down past the retries: nothing of the batch was committed,
      // so the process exits and its supervisor restarts it to resume from the last commit.
      onFailure: (error) => {
        logger.fatal({ err: error }, 'recorder stopped: a dependency stayed unavailable; exiting to be restarted');
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      },
    });
    logger.info({ topic, groupId }, 'recorder consuming');
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
  }
}
