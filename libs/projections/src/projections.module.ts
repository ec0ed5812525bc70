import { Global, Module } from '@nestjs/common';
import type { EventStore } from '@tandem/eventstore';
import { PersistenceModule, READ_MODEL_DATABASE } from '@tandem/persistence';
import { CONFIG, EVENT_STORE } from '@tandem/runtime';
import type { TandemConfig } from '@tandem/config';
import type { DataSource } from 'typeorm';
import { KpiReadModel } from './read-model/kpi-read-model';
import { projectionStoreOf } from './store/open-projection-store';
import type { ProjectionStore } from './store/projection-store';

/** Injection token of the read-model tables' ProjectionStore. */
export const PROJECTION_STORE = Symbol('TANDEM_PROJECTION_STORE');

/**
 * The KPI read models for whoever queries them (the API's resolvers) or writes them (the
 * projector): one `KpiReadModel` per process, so its cached model is shared. Inject it with
 * `@Inject(KpiReadModel)`.
 */
@Global()
@Module({
  imports: [PersistenceModule],
  providers: [
    { provide: PROJECTION_STORE, inject: [READ_MODEL_DATABASE], useFactory: (database: DataSource): ProjectionStore => projectionStoreOf(database) },
    {
      provide: KpiReadModel,
      inject: [PROJECTION_STORE, EVENT_STORE, CONFIG],
      useFactory: (store: ProjectionStore, eventStore: EventStore, config: TandemConfig) =>
        new KpiReadModel({ store, eventStore, maxStalenessMs: config.api.kpiMaxStalenessMs }),
    },
  ],
  exports: [PROJECTION_STORE, KpiReadModel],
})
export class ProjectionsModule {}
