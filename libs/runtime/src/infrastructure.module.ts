import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { PUB_SUB } from '@tandem/live-updates';
import { ObservabilityModule } from '@tandem/observability';
import type { Infrastructure } from './infrastructure';
import { CONFIG, DELIVERY_ARCHIVE, EVENT_LOG, EVENT_STORE, JOBS, LOGGER } from './tokens';

const INFRASTRUCTURE = Symbol('TANDEM_INFRASTRUCTURE');

/**
 * Makes the mode's adapters injectable everywhere (config, logger, event log, event store, archive,
 * live updates' PUB_SUB) and mounts the health and metrics endpoints. Owns their lifetime: app modules stop their consumers
 * in `onModuleDestroy`, which Nest runs for every module before any `onApplicationShutdown`, so
 * the adapters close only once nothing uses them.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  static forRoot(infrastructure: Infrastructure): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [ObservabilityModule.forRoot({ registry: infrastructure.metrics, readiness: infrastructure.readiness })],
      providers: [
        { provide: INFRASTRUCTURE, useValue: infrastructure },
        { provide: CONFIG, useValue: infrastructure.config },
        { provide: LOGGER, useValue: infrastructure.logger },
        { provide: EVENT_LOG, useValue: infrastructure.eventLog },
        { provide: EVENT_STORE, useValue: infrastructure.eventStore },
        { provide: DELIVERY_ARCHIVE, useValue: infrastructure.archive },
        { provide: PUB_SUB, useValue: infrastructure.pubSub },
        { provide: JOBS, useValue: infrastructure.jobs },
      ],
      exports: [CONFIG, LOGGER, EVENT_LOG, EVENT_STORE, DELIVERY_ARCHIVE, PUB_SUB, JOBS, ObservabilityModule],
    };
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.infrastructure.close();
    this.infrastructure.logger.info({ signal }, 'stopped: in-flight work finished, connections closed');
  }
}
