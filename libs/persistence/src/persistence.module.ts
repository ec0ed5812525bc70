import { Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { TandemConfig } from '@tandem/config';
import { METRICS_REGISTRY, READINESS_CHECKS, type Logger, type ReadinessCheck, type Registry } from '@tandem/observability';
import { CONFIG, LOGGER } from '@tandem/runtime';
import type { DataSource } from 'typeorm';
import { ApiTokenRepository, AuditLogRepository } from './auth';
import { openReadModelDatabase } from './read-model-database';

/** The read-model `DataSource`, open and migrated. */
export const READ_MODEL_DATABASE = Symbol('TANDEM_READ_MODEL_DATABASE');

/**
 * One read-model database per process, whichever app modules import this (the API, the projector,
 * or all of them in the embedded mode). Opens and migrates it at start, adds it to `/health/ready`,
 * closes it at shutdown.
 */
@Global()
@Module({
  providers: [
    {
      provide: READ_MODEL_DATABASE,
      inject: [CONFIG, LOGGER, METRICS_REGISTRY],
      useFactory: (config: TandemConfig, logger: Logger, metrics: Registry): Promise<DataSource> =>
        openReadModelDatabase(config, { logger, metrics }),
    },
    { provide: ApiTokenRepository, inject: [READ_MODEL_DATABASE], useFactory: (database: DataSource) => new ApiTokenRepository(database) },
    { provide: AuditLogRepository, inject: [READ_MODEL_DATABASE], useFactory: (database: DataSource) => new AuditLogRepository(database) },
  ],
  exports: [READ_MODEL_DATABASE, ApiTokenRepository, AuditLogRepository],
})
export class PersistenceModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly database: DataSource,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * The runtime's readiness list is the observability module's own provider; it is read at each
   * probe, so a check added here is reported like the event store's.
   */
  onModuleInit(): void {
    const checks = this.moduleRef.get<ReadinessCheck[]>(READINESS_CHECKS, { strict: false });
    checks.push({ name: 'read-models', check: async () => void (await this.database.query('SELECT 1')) });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.database.isInitialized) await this.database.destroy();
  }
}
