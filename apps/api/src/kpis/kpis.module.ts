import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@tandem/projections';
import { OrganizationApiModule } from '../organization/organization-api.module';
import { KpiExplanationLoader } from './kpi-explanations';
import { KpisResolver, KpiValueResolver } from './kpis.resolver';
import { ServiceIncidentsLoader, ServiceIncidentsResolver } from './service-incidents';

/** `kpis`, `kpiSeries`, `reviewMatrix`, `incidents`, `explain`, `KpiValue.explain` and `Service.incidents`, from the projection's read models (KpiReadModel). */
@Module({
  imports: [ProjectionsModule, OrganizationApiModule],
  providers: [KpiExplanationLoader, KpisResolver, KpiValueResolver, ServiceIncidentsLoader, ServiceIncidentsResolver],
})
export class KpisModule {}
