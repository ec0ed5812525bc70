import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnModuleDestroy, Optional } from '@nestjs/common';
import type { EventStore } from '@tandem/eventstore';
import { METRICS_REGISTRY, type Logger, type Registry } from '@tandem/observability';
import { PersistenceModule } from '@tandem/persistence';
import {
  fanOutUpdates,
  InMemoryProjectionUpdates,
  KpiGauges,
  KpiReadModel,
  PROJECTION_STORE,
  ProjectionMetrics,
  ProjectionRunner,
  ProjectionsModule,
  pubSubUpdates,
  type ProjectionStore,
  type ProjectionUpdates,
} from '@tandem/projections';
import { PUB_SUB, type PubSub } from '@tandem/live-updates';
import { EVENT_STORE, LOGGER } from '@tandem/runtime';
import { RecognitionProjectorModule } from './recognition/recognition-projector.module';

/** Tuning of the projector; the defaults suit both modes. */
export interface ProjectorSettings {
  /** Events per transaction while catching up, and the largest live batch. Default 2,000. */
  pageSize?: number;
  /** Events of recently touched entities kept in memory. Default 200,000. */
  cachedEvents?: number;
  /** The KPI gauges are recomputed at most this often. Default 60 s. */
  gaugeRefreshSeconds?: number;
  retryDelayMs?: number;
}

const PROJECTOR_SETTINGS = Symbol('TANDEM_PROJECTOR_SETTINGS');

/** In-process `kpisUpdated` listeners (tests, an in-process consumer); the runtime's PubSub gets the same notifications. */
export const PROJECTOR_UPDATES = Symbol('TANDEM_PROJECTOR_UPDATES');

/**
 * Keeps the KPI read models up to date for as long as the application runs: catches up from the
 * stored checkpoint, then follows the event store live (ProjectionRunner). After each committed
 * batch it publishes `kpisUpdated` through the runtime's PubSub (Redis in the distributed mode, so
 * every API replica hears it) and to in-process listeners. The recognition projector
 * (./recognition) runs beside it: kudos and automatic recognitions appended, the feed kept. Exposes the projection's position and lag and the
 * current week's KPIs as Prometheus gauges.
 */
@Module({
  imports: [PersistenceModule, ProjectionsModule, RecognitionProjectorModule],
  providers: [{ provide: PROJECTOR_UPDATES, useFactory: () => new InMemoryProjectionUpdates() }],
  exports: [PROJECTOR_UPDATES],
})
export class ProjectorModule implements OnApplicationBootstrap, OnModuleDestroy {
  private runner?: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PROJECTION_STORE) private readonly store: ProjectionStore,
    @Inject(KpiReadModel) private readonly readModel: KpiReadModel,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(PROJECTOR_UPDATES) private readonly inProcess: InMemoryProjectionUpdates,
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
    @Optional() @Inject(PROJECTOR_SETTINGS) private readonly settings: ProjectorSettings = {},
  ) {}

  static withSettings(settings: ProjectorSettings): DynamicModule {
    return { module: ProjectorModule, providers: [{ provide: PROJECTOR_SETTINGS, useValue: settings }] };
  }

  onApplicationBootstrap(): void {
    const logger = this.logger.child({ component: 'projector' });
    const updates: ProjectionUpdates = fanOutUpdates(this.inProcess, pubSubUpdates(this.pubSub));
    this.runner = new ProjectionRunner({
      eventStore: this.eventStore,
      store: this.store,
      updates,
      logger,
      metrics: new ProjectionMetrics(this.registry, this.eventStore),
      pageSize: this.settings.pageSize,
      cachedEvents: this.settings.cachedEvents,
      retryDelayMs: this.settings.retryDelayMs,
    });
    new KpiGauges(this.registry, this.readModel, { refreshSeconds: this.settings.gaugeRefreshSeconds });
    // Not awaited: the process serves (health, the API) while the projection catches up.
    this.runner.start();
    logger.info('projector started');
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner?.stop();
  }
}
