import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@tandem/projections';
import { OrganizationApiModule } from '../organization/organization-api.module';
import { KpiExplanationLoader } from './kpi-explanations';
import { KpisResolver, KpiValueResolver } from './kpis.resolver';

/** `kpis`, `kpiSeries`, `reviewMatrix`, `incidents`, `explain` and `KpiValue.explain`, from the projection's read models (KpiReadModel). */
@Module({
  imports: [ProjectionsModule, OrganizationApiModule],
  providers: [KpiExplanationLoader, KpisResolver, KpiValueResolver],
})
export class KpisModule {}
