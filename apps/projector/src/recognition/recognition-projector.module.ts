import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore } from '@tandem/eventstore';
import { PUB_SUB, type PubSub } from '@tandem/live-updates';
import { METRICS_REGISTRY, type Logger, type Registry } from '@tandem/observability';
import { PersistenceModule, READ_MODEL_DATABASE, RecognitionFeedRepository } from '@tandem/persistence';
import { EVENT_STORE, LOGGER } from '@tandem/runtime';
import type { DataSource } from 'typeorm';
import { RecognitionMetrics } from './recognition-metrics';
import { RecognitionRunner } from './recognition-runner';

/**
 * Runs the recognizer (RecognitionRunner) in the projector, so in both modes: kudos from chat and
 * automatic recognitions appended to the event store, the recognition feed kept, new items
 * published on `recognitionAwarded`. Inject `RecognitionRunner` to wait for `caughtUp`.
 */
@Module({
  imports: [PersistenceModule],
  providers: [
    { provide: RecognitionFeedRepository, inject: [READ_MODEL_DATABASE], useFactory: (database: DataSource) => new RecognitionFeedRepository(database) },
    {
      provide: RecognitionRunner,
      inject: [EVENT_STORE, RecognitionFeedRepository, PUB_SUB, LOGGER, METRICS_REGISTRY],
      useFactory: (eventStore: EventStore, feed: RecognitionFeedRepository, pubSub: PubSub, logger: Logger, registry: Registry) =>
        new RecognitionRunner({ eventStore, feed, pubSub, logger: logger.child({ component: 'recognition' }), metrics: new RecognitionMetrics(registry) }),
    },
  ],
  exports: [RecognitionRunner],
})
export class RecognitionProjectorModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(RecognitionRunner) private readonly runner: RecognitionRunner) {}

  onApplicationBootstrap(): void {
    // Not awaited: the process serves while the feed catches up.
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }
}
