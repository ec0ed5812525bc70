import { Module } from '@nestjs/common';
import { ProjectionsModule } from '@tandem/projections';
import { OrganizationApiModule } from '../organization/organization-api.module';
import { KpisResolver } from './kpis.resolver';

/** `kpis`, `kpiSeries`, `reviewMatrix`, `incidents` and `explain`, from the projection's read models (KpiReadModel). */
@Module({
  imports: [ProjectionsModule, OrganizationApiModule],
  providers: [KpisResolver],
})
export class KpisModule {}
